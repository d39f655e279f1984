import { Injectable } from '@nestjs/common';
import { AppConfig, RedisService, TooManyRequestsError } from '@nexus/core';
import { createHash } from 'node:crypto';
import { AttemptStore, MemoryAttemptStore, RedisAttemptStore } from './attempt-store';

/**
 * django-axes style login throttling:
 * - N consecutive failures for one (email, IP) lock that pair out; as with
 *   axes' cool-off, the count is forgotten only after a quiet spell as long as
 *   the lockout (a slow guesser spacing tries a few minutes apart still counts);
 * - M failures from one IP within a window refuse that IP's logins for a while;
 * - a successful login resets the (email, IP) counter.
 */
@Injectable()
export class LoginThrottle {
  private readonly store: AttemptStore;

  constructor(
    private readonly config: AppConfig,
    redis: RedisService,
  ) {
    this.store = redis.client ? new RedisAttemptStore(redis.client, config.redisKeyPrefix) : new MemoryAttemptStore();
  }

  /** Throws 429 with Retry-After when this email/IP pair or this IP may not try now. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [pair, address] = await Promise.all([this.store.lockedFor(this.pairKey(email, ip)), this.store.lockedFor(this.ipKey(ip))]);
    if (address > 0) {
      throw new TooManyRequestsError('Too many failed logins from this address; try again later', address, 'login_ip_blocked');
    }
    if (pair > 0) {
      throw new TooManyRequestsError('Too many failed logins for this account from this address; try again later', pair, 'login_locked');
    }
  }

  /** Counts a failure; returns the lock it caused, if any, so the caller can answer 429 at once. */
  async recordFailure(email: string, ip: string): Promise<TooManyRequestsError | null> {
    const rules = this.config.bruteForce;
    const pairKey = this.pairKey(email, ip);
    const [pairFailures, ipFailures] = await Promise.all([
      this.store.increment(pairKey, rules.lockoutSeconds, 'sliding'),
      this.store.increment(this.ipKey(ip), rules.ipFailureWindowSeconds),
    ]);
    if (ipFailures >= rules.ipFailureLimit) {
      await this.store.lock(this.ipKey(ip), rules.ipBlockSeconds);
      return new TooManyRequestsError(
        'Too many failed logins from this address; try again later',
        rules.ipBlockSeconds,
        'login_ip_blocked',
      );
    }
    if (pairFailures >= rules.lockoutThreshold) {
      await Promise.all([this.store.lock(pairKey, rules.lockoutSeconds), this.store.reset(pairKey)]);
      return new TooManyRequestsError(
        'Too many failed logins for this account from this address; try again later',
        rules.lockoutSeconds,
        'login_locked',
      );
    }
    return null;
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.store.reset(this.pairKey(email, ip));
  }

  // Emails are hashed so the keys (and Redis dumps) hold no addresses.
  private pairKey(email: string, ip: string): string {
    return `pair:${createHash('sha256').update(email).digest('hex').slice(0, 32)}:${ip}`;
  }

  private ipKey(ip: string): string {
    return `ip:${ip}`;
  }
}
