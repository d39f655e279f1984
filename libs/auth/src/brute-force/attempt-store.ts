import type Redis from 'ioredis';

/**
 * Counters with expiry for login throttling: Redis in services mode (shared by
 * every replica), memory in embedded mode.
 */
export abstract class AttemptStore {
  /**
   * Adds one to `key` and returns the new count. The count expires
   * `windowSeconds` after the first increment (`fixed`), or after the latest
   * one (`sliding`: a count of failures with no quiet spell of that length).
   */
  abstract increment(key: string, windowSeconds: number, window?: 'fixed' | 'sliding'): Promise<number>;
  abstract reset(key: string): Promise<void>;
  /** Takes one back from `key`, if it still counts anything (its expiry unchanged). */
  abstract decrement(key: string): Promise<void>;
  /** Marks `key` locked for `seconds`. */
  abstract lock(key: string, seconds: number): Promise<void>;
  /** Seconds left on a lock, or 0. */
  abstract lockedFor(key: string): Promise<number>;
}

// One round trip: INCR, and set the expiry when the counter was just created (fixed window) or every time (sliding).
const INCREMENT = `local n = redis.call('INCR', KEYS[1])
if n == 1 or ARGV[2] == 'sliding' then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`;

// DECR alone would create a counter of -1 with no expiry once the key has expired.
const DECREMENT = `if redis.call('GET', KEYS[1]) and tonumber(redis.call('GET', KEYS[1])) > 0 then
  return redis.call('DECR', KEYS[1])
end
return 0`;

export class RedisAttemptStore extends AttemptStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    super();
    this.redis.defineCommand('nexusIncrementWindow', { numberOfKeys: 1, lua: INCREMENT });
    this.redis.defineCommand('nexusDecrementWindow', { numberOfKeys: 1, lua: DECREMENT });
  }

  async increment(key: string, windowSeconds: number, window: 'fixed' | 'sliding' = 'fixed'): Promise<number> {
    const incr = (this.redis as unknown as { nexusIncrementWindow(k: string, ttl: number, window: string): Promise<number> })
      .nexusIncrementWindow;
    return incr.call(this.redis, this.k(key), windowSeconds, window);
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.k(key));
  }

  async decrement(key: string): Promise<void> {
    await (this.redis as unknown as { nexusDecrementWindow(k: string): Promise<number> }).nexusDecrementWindow(this.k(key));
  }

  async lock(key: string, seconds: number): Promise<void> {
    await this.redis.set(this.k(`lock:${key}`), '1', 'EX', seconds);
  }

  async lockedFor(key: string): Promise<number> {
    const ttl = await this.redis.ttl(this.k(`lock:${key}`));
    return ttl > 0 ? ttl : 0;
  }

  private k(key: string): string {
    return `${this.prefix}:auth:${key}`;
  }
}

/** Bounded: beyond `maxEntries` the oldest entries are dropped (an attacker cannot grow it without limit). */
export class MemoryAttemptStore extends AttemptStore {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 100_000,
  ) {
    super();
  }

  async increment(key: string, windowSeconds: number, window: 'fixed' | 'sliding' = 'fixed'): Promise<number> {
    const entry = this.live(key);
    if (entry) {
      entry.count += 1;
      if (window === 'sliding') entry.expiresAt = this.now() + windowSeconds * 1000;
      return entry.count;
    }
    this.set(key, { count: 1, expiresAt: this.now() + windowSeconds * 1000 });
    return 1;
  }

  async reset(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async decrement(key: string): Promise<void> {
    const entry = this.live(key);
    if (entry && entry.count > 0) entry.count -= 1;
  }

  async lock(key: string, seconds: number): Promise<void> {
    this.set(`lock:${key}`, { count: 1, expiresAt: this.now() + seconds * 1000 });
  }

  async lockedFor(key: string): Promise<number> {
    const entry = this.live(`lock:${key}`);
    return entry ? Math.ceil((entry.expiresAt - this.now()) / 1000) : 0;
  }

  private live(key: string) {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private set(key: string, value: { count: number; expiresAt: number }): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
