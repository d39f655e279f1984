import { MemoryAttemptStore } from './attempt-store';

describe('MemoryAttemptStore', () => {
  it('counts within a window and forgets after it', async () => {
    let now = 0;
    const store = new MemoryAttemptStore(() => now);
    expect(await store.increment('k', 10)).toBe(1);
    expect(await store.increment('k', 10)).toBe(2);
    now = 9_999;
    expect(await store.increment('k', 10)).toBe(3);
    now = 10_000;
    expect(await store.increment('k', 10)).toBe(1);
  });

  it('a sliding window is counted from the latest increment: only a quiet spell as long as the window forgets', async () => {
    let now = 0;
    const store = new MemoryAttemptStore(() => now);
    for (const at of [0, 8_000, 16_000, 24_000]) {
      now = at;
      await store.increment('k', 10, 'sliding');
    }
    now = 33_999;
    expect(await store.increment('k', 10, 'sliding')).toBe(5);
    now = 43_998;
    expect(await store.increment('k', 10, 'sliding')).toBe(6);
    now = 53_998;
    expect(await store.increment('k', 10, 'sliding')).toBe(1);
  });

  it('locks for a number of seconds and reports the time left', async () => {
    let now = 0;
    const store = new MemoryAttemptStore(() => now);
    await store.lock('k', 900);
    now = 100_500;
    expect(await store.lockedFor('k')).toBe(800);
    now = 900_000;
    expect(await store.lockedFor('k')).toBe(0);
  });

  it('stays bounded', async () => {
    const store = new MemoryAttemptStore(Date.now, 3);
    for (const key of ['a', 'b', 'c', 'd']) await store.increment(key, 60);
    expect(await store.increment('a', 60)).toBe(1);
    expect(await store.increment('d', 60)).toBe(2);
  });
});
