import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JobQueue } from '@nexus/core';
import { PURGE_IDEMPOTENCY_KEYS_JOB, purgeIdempotencyKeysJobId } from './idempotency.jobs';

@Injectable()
export class IdempotencyScheduler {
  constructor(private readonly jobs: JobQueue) {}

  /** 03:30 UTC daily; keys live IDEMPOTENCY_KEY_TTL (≥ 24 h), so a daily purge keeps them at most a day longer. */
  @Cron('30 3 * * *', { name: 'invoices-purge-idempotency-keys', timeZone: 'UTC' })
  enqueueDailyPurge(): Promise<string> {
    return this.enqueueFor(new Date());
  }

  /** The job of `now`'s UTC day (cron passes its own arguments to the handler, hence two methods). */
  enqueueFor(now: Date): Promise<string> {
    const day = now.toISOString().slice(0, 10);
    return this.jobs.add(PURGE_IDEMPOTENCY_KEYS_JOB, { day }, { jobId: purgeIdempotencyKeysJobId(day) });
  }
}
