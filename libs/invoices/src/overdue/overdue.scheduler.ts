import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JobQueue } from '@nexus/core';
import { RECORD_OVERDUE_JOB, recordOverdueJobId } from './overdue.jobs';

/** Only enqueues: the job id fixed per day makes any number of schedulers produce one sweep. */
@Injectable()
export class OverdueScheduler {
  constructor(private readonly jobs: JobQueue) {}

  /** 00:15 UTC daily; each organization's invoices are judged against its own today. */
  @Cron('15 0 * * *', { name: 'invoices-record-overdue', timeZone: 'UTC' })
  enqueueDailySweep(): Promise<string> {
    return this.enqueueFor(new Date());
  }

  /** The job of `now`'s UTC day (cron passes its own arguments to the handler, hence two methods). */
  enqueueFor(now: Date): Promise<string> {
    const day = now.toISOString().slice(0, 10);
    return this.jobs.add(RECORD_OVERDUE_JOB, { day }, { jobId: recordOverdueJobId(day) });
  }
}
