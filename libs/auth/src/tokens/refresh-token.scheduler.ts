import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JobQueue } from '@nexus/core';
import { PURGE_REFRESH_TOKENS_JOB, purgeRefreshTokensJobId } from './refresh-token.jobs';

@Injectable()
export class RefreshTokenScheduler {
  constructor(private readonly jobs: JobQueue) {}

  /** 03:45 UTC daily; one job per day whatever the number of schedulers (the job id is the day). */
  @Cron('45 3 * * *', { name: 'auth-purge-refresh-tokens', timeZone: 'UTC' })
  enqueueDailyPurge(): Promise<string> {
    return this.enqueueFor(new Date());
  }

  /** The job of `now`'s UTC day (cron passes its own arguments to the handler, hence two methods). */
  enqueueFor(now: Date): Promise<string> {
    const day = now.toISOString().slice(0, 10);
    return this.jobs.add(PURGE_REFRESH_TOKENS_JOB, { day }, { jobId: purgeRefreshTokensJobId(day) });
  }
}
