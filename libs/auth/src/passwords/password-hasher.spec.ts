import argon2 from 'argon2';
import { ARGON2_OPTIONS, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  let hasher: PasswordHasher;

  beforeAll(async () => {
    hasher = new PasswordHasher();
    await hasher.onModuleInit();
  });

  it('hashes with argon2id at OWASP parameters or stronger', async () => {
    const hash = await hasher.hash('violet-otter-drives-42-trams');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=\d+,p=1,t=\d+\$/);
    const m = /m=(\d+)/.exec(hash)![1];
    const t = /t=(\d+)/.exec(hash)![1];
    expect(Number(m)).toBeGreaterThanOrEqual(19 * 1024);
    expect(Number(t)).toBeGreaterThanOrEqual(2);
    expect(ARGON2_OPTIONS.type).toBe(argon2.argon2id);
  });

  it('verifies the right password only', async () => {
    const hash = await hasher.hash('violet-otter-drives-42-trams');
    expect(await hasher.verify(hash, 'violet-otter-drives-42-trams')).toBe(true);
    expect(await hasher.verify(hash, 'violet-otter-drives-42-tram')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'anything')).toBe(false);
  });

  it('does the same argon2 work when there is no user, and still says no', async () => {
    const spy = jest.spyOn(argon2, 'verify');
    try {
      expect(await hasher.verify(null, 'nexus-timing-equaliser-not-a-password')).toBe(false);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0][0]).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    } finally {
      spy.mockRestore();
    }
  });
});
