import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { ServiceUnavailableError } from '@nexus/core';
import type Redis from 'ioredis';

/**
 * Fixed-window counters: the first hit opens a window of `ttl` ms; hits beyond
 * `limit` in it are refused until the window (or a block, if longer) ends.
 * Times in the returned record are seconds, as @nestjs/throttler expects.
 */
export class MemoryFixedWindowStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, { hits: number; resetAt: number; blockedUntil: number }>();
  private sweeps = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 200_000,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || (window.resetAt <= now && window.blockedUntil <= now)) {
      window = { hits: 0, resetAt: now + ttl, blockedUntil: 0 };
      this.windows.set(key, window);
      if (this.windows.size > this.maxKeys || ++this.sweeps % 10_000 === 0) this.sweep(now);
    }
    window.hits += 1;
    if (window.hits > limit && window.blockedUntil <= now) window.blockedUntil = now + Math.max(blockDuration, window.resetAt - now);
    const blocked = window.blockedUntil > now;
    return {
      totalHits: window.hits,
      timeToExpire: Math.max(0, Math.ceil((window.resetAt - now) / 1000)),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? Math.ceil((window.blockedUntil - now) / 1000) : 0,
    };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now && window.blockedUntil <= now) this.windows.delete(key);
    while (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value as string);
  }
}

// One round trip, atomic: count the hit, open the window on the first one, and
// start a block when the limit is passed. Called by SHA (ioredis defineCommand).
const HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if hits > tonumber(ARGV[2]) and blocked <= 0 then
  local duration = math.max(tonumber(ARGV[3]), ttl)
  redis.call('SET', KEYS[2], '1', 'PX', duration)
  blocked = duration
end
return {hits, ttl, blocked}`;

type HitCommand = (key: string, blockKey: string, ttl: number, limit: number, blockDuration: number) => Promise<[number, number, number]>;

/** The same counters in Redis, shared by every API instance; exact under concurrency. */
export class RedisFixedWindowStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private readonly hit: HitCommand;
  private warned = false;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly failOpen: boolean,
  ) {
    redis.defineCommand('nexusRateLimitHit', { numberOfKeys: 2, lua: HIT });
    const command = (redis as unknown as { nexusRateLimitHit: HitCommand }).nexusRateLimitHit;
    this.hit = command.bind(redis);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    try {
      const [hits, ttlMs, blockedMs] = await this.hit(
        `${this.prefix}:rl:${key}`,
        `${this.prefix}:rl:${key}:block`,
        ttl,
        limit,
        blockDuration,
      );
      this.warned = false;
      return {
        totalHits: hits,
        timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
        isBlocked: blockedMs > 0,
        timeToBlockExpire: blockedMs > 0 ? Math.ceil(blockedMs / 1000) : 0,
      };
    } catch (error) {
      if (!this.warned)
        this.logger.error(`Rate limiting cannot reach Redis (${(error as Error).message}); failing ${this.failOpen ? 'open' : 'closed'}`);
      this.warned = true;
      if (!this.failOpen) throw new ServiceUnavailableError('Rate limiting is unavailable; try again shortly', 'rate_limit_unavailable');
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
