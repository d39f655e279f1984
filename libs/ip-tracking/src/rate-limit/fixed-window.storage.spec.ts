import { MemoryFixedWindowStorage } from './fixed-window.storage';

describe('MemoryFixedWindowStorage', () => {
  it('allows exactly the limit per window, then blocks until the window ends', async () => {
    let now = 1_000_000;
    const storage = new MemoryFixedWindowStorage(() => now);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await storage.increment('k', 60_000, 3, 60_000));
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, true]);
    expect(results[3]).toMatchObject({ totalHits: 4, timeToBlockExpire: 60 });
    now += 30_000;
    expect(await storage.increment('k', 60_000, 3, 60_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    now += 30_000;
    expect(await storage.increment('k', 60_000, 3, 60_000)).toMatchObject({ isBlocked: false, totalHits: 1, timeToExpire: 60 });
  });

  it('counts clients separately and stays bounded', async () => {
    const storage = new MemoryFixedWindowStorage(Date.now, 100);
    for (let i = 0; i < 500; i++) await storage.increment(`client-${i}`, 60_000, 10, 60_000);
    expect((await storage.increment('client-499', 60_000, 10, 60_000)).totalHits).toBe(2);
    expect((storage as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(101);
  });
});
