import { Injectable } from '@nestjs/common';
import { AppConfig, networkOf, RedisService, TooManyRequestsError } from '@nexus/core';
import { createHash } from 'node:crypto';
import { AttemptStore, MemoryAttemptStore, RedisAttemptStore } from './attempt-store';

/** A login attempt, counted before its password is checked (see LoginThrottle.begin). */
export interface LoginAttempt {
  readonly pairKey: string;
  readonly ipKey: string;
  /** This attempt's place among the pair's consecutive failures, itself included. */
  readonly pairCount: number;
  /** This attempt's place among the address's failures in the window, itself included. */
  readonly ipCount: number;
}

const lockedOut = (seconds: number) =>
  new TooManyRequestsError('Too many failed logins for this account from this address; try again later', seconds, 'login_locked');
const addressBlocked = (seconds: number) =>
  new TooManyRequestsError('Too many failed logins from this address; try again later', seconds, 'login_ip_blocked');

/**
 * django-axes style login throttling:
 * - N consecutive failures for one (email, IP) lock that pair out; as with
 *   axes' cool-off, the count is forgotten only after a quiet spell as long as
 *   the lockout (a slow guesser spacing tries a few minutes apart still counts);
 * - M failures from one IP within a window refuse that IP's logins for a while;
 * - a successful login resets the (email, IP) counter.
 * An attempt is counted before its password is checked and given back if it
 * succeeds, so a burst of parallel guesses gets no more tries than a sequence
 * (counting after the check let all of a burst through before the first
 * failure was counted). IPv6 clients are counted per network
 * (RATE_LIMIT_IPV6_PREFIX, /64 by default), as the rate limits count them, since
 * one subscriber holds a whole /64 to rotate through.
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

  /** Counts an attempt; throws 429 with Retry-After when this pair or this address may not try now. */
  async begin(email: string, ip: string): Promise<LoginAttempt> {
    const rules = this.config.bruteForce;
    const network = networkOf(ip, this.config.rateLimit.ipv6Prefix);
    const pairKey = this.pairKey(email, network);
    const ipKey = `ip:${network}`;
    const [pairLock, ipLock] = await Promise.all([this.store.lockedFor(pairKey), this.store.lockedFor(ipKey)]);
    if (ipLock > 0) throw addressBlocked(ipLock);
    if (pairLock > 0) throw lockedOut(pairLock);
    const [pairCount, ipCount] = await Promise.all([
      this.store.increment(pairKey, rules.lockoutSeconds, 'sliding'),
      this.store.increment(ipKey, rules.ipFailureWindowSeconds),
    ]);
    const attempt = { pairKey, ipKey, pairCount, ipCount };
    // Beyond the limits (the others of a parallel burst): refused without a try.
    if (ipCount > rules.ipFailureLimit || pairCount > rules.lockoutThreshold) {
      const refusal = await this.locks(attempt);
      if (refusal) throw refusal;
    }
    return attempt;
  }

  /** The attempt failed; returns the lock it caused, if any, so the caller can answer 429 at once. */
  async failed(attempt: LoginAttempt): Promise<TooManyRequestsError | null> {
    return this.locks(attempt);
  }

  /** The attempt never got an answer (the database failed, say): it is not held against the client. */
  async abandoned(attempt: LoginAttempt): Promise<void> {
    await Promise.all([this.store.decrement(attempt.pairKey), this.store.decrement(attempt.ipKey)]);
  }

  /** The attempt succeeded: the pair starts over, and the address gets its attempt back. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await Promise.all([this.store.reset(attempt.pairKey), this.store.decrement(attempt.ipKey)]);
  }

  private async locks(attempt: LoginAttempt): Promise<TooManyRequestsError | null> {
    const rules = this.config.bruteForce;
    if (attempt.ipCount >= rules.ipFailureLimit) {
      await this.store.lock(attempt.ipKey, rules.ipBlockSeconds);
      return addressBlocked(rules.ipBlockSeconds);
    }
    if (attempt.pairCount >= rules.lockoutThreshold) {
      // The count is not reset here: the rest of a burst still counting would start over under the lock. It
      // lapses with the lock (both last the lockout from about now), and no attempt counts while locked.
      await this.store.lock(attempt.pairKey, rules.lockoutSeconds);
      return lockedOut(rules.lockoutSeconds);
    }
    return null;
  }

  // Emails are hashed so the keys (and Redis dumps) hold no addresses.
  private pairKey(email: string, network: string): string {
    return `pair:${createHash('sha256').update(email).digest('hex').slice(0, 32)}:${network}`;
  }
}
