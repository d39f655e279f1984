import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JobQueue } from '@nexus/core';
import { AnalysisWindow, hourlyJobId, previousHour, previousScanSlot, scanJobId } from './analysis-window';
import { ANALYZE_WINDOW_JOB, SCAN_WINDOW_JOB, WindowPayload } from './analysis.jobs';

function payload(window: AnalysisWindow): WindowPayload {
  return { from: window.from.toISOString(), to: window.to.toISOString() };
}

/**
 * Only enqueues, with job ids fixed by the window: any number of schedulers
 * (worker replicas) produce one run per window. Cron passes its own arguments
 * to handlers, hence a `…For(now)` method beside each.
 */
@Injectable()
export class AnalysisScheduler {
  constructor(private readonly jobs: JobQueue) {}

  /** A minute past the hour, once the request-log buffers (flushed every second) hold the hour. */
  @Cron('1 * * * *', { name: 'anomaly-analyze-hour', timeZone: 'UTC' })
  enqueueHourly(): Promise<string> {
    return this.enqueueHourFor(new Date());
  }

  enqueueHourFor(now: Date): Promise<string> {
    const window = previousHour(now);
    return this.jobs.add(ANALYZE_WINDOW_JOB, payload(window), { jobId: hourlyJobId(window) });
  }

  /** 30 s after every fifth minute: the scanner pass over the 5 minutes just ended. */
  @Cron('30 */5 * * * *', { name: 'anomaly-scan', timeZone: 'UTC' })
  enqueueScan(): Promise<string> {
    return this.enqueueScanFor(new Date());
  }

  enqueueScanFor(now: Date): Promise<string> {
    const window = previousScanSlot(now);
    return this.jobs.add(SCAN_WINDOW_JOB, payload(window), { jobId: scanJobId(window) });
  }
}
