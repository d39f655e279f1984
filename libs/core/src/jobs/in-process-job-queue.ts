import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { inOwnContext } from '../logging/request-context';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobQueue } from './job-queue';
import {
  DEFAULT_JOB_ATTEMPTS,
  DEFAULT_JOB_BACKOFF_MS,
  JobCounts,
  JobDefinition,
  JobOptions,
  JobStatus,
  KEEP_FINISHED_JOBS,
  PermanentJobError,
} from './job.types';

interface JobRecord extends JobStatus {
  data: unknown;
  attempts: number;
  backoffMs: number;
}

/**
 * Embedded mode's queue: runs the same handlers in this process, one at a time
 * per handler's concurrency, with Bull's retry semantics (attempts, exponential
 * backoff, permanent failures) and Bull's job-id de-duplication.
 */
@Injectable()
export class InProcessJobQueue extends JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, JobRecord>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly active = new Map<string, number>();
  private readonly pending = new Map<string, JobRecord[]>();
  private readonly running = new Set<Promise<void>>();
  private closing = false;

  constructor(private readonly registry: JobHandlerRegistry) {
    super();
  }

  async add<T>(job: JobDefinition<T>, data: T, options: JobOptions = {}): Promise<string> {
    const id = options.jobId ?? randomUUID();
    const key = `${job.queue}:${id}`;
    if (this.jobs.has(key)) return id;
    const record: JobRecord = {
      id,
      queue: job.queue,
      name: job.name,
      state: options.delayMs ? 'delayed' : 'waiting',
      attemptsMade: 0,
      data,
      attempts: options.attempts ?? DEFAULT_JOB_ATTEMPTS,
      backoffMs: options.backoffMs ?? DEFAULT_JOB_BACKOFF_MS,
    };
    this.jobs.set(key, record);
    this.trimFinished();
    this.schedule(record, options.delayMs ?? 0);
    return id;
  }

  async getStatus<R>(job: Pick<JobDefinition<unknown>, 'queue'>, id: string): Promise<JobStatus<R> | null> {
    const record = this.jobs.get(`${job.queue}:${id}`);
    if (!record) return null;
    const { data: _d, attempts: _a, backoffMs: _b, ...status } = record;
    return status as JobStatus<R>;
  }

  async counts(queue: string): Promise<JobCounts> {
    const counts: JobCounts = { waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0 };
    for (const record of this.jobs.values()) if (record.queue === queue) counts[record.state] += 1;
    return counts;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private schedule(record: JobRecord, delayMs: number): void {
    if (this.closing) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.dispatch(record);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private dispatch(record: JobRecord): void {
    const handler = this.registry.get(record.queue, record.name);
    if (!handler) {
      Object.assign(record, { state: 'failed', failedReason: `No handler for job ${record.queue}:${record.name}` });
      this.logger.error(record.failedReason);
      return;
    }
    const slot = `${record.queue}:${record.name}`;
    if ((this.active.get(slot) ?? 0) >= handler.concurrency) {
      record.state = 'waiting';
      this.pending.set(slot, [...(this.pending.get(slot) ?? []), record]);
      return;
    }
    this.active.set(slot, (this.active.get(slot) ?? 0) + 1);
    // The job is not the request that queued it.
    const run = inOwnContext(() => this.execute(record, handler.run)).finally(() => {
      this.running.delete(run);
      this.active.set(slot, (this.active.get(slot) ?? 1) - 1);
      const next = this.pending.get(slot)?.shift();
      if (next && !this.closing) this.dispatch(next);
    });
    this.running.add(run);
  }

  private async execute(record: JobRecord, run: (data: unknown, ctx: { id: string; attempt: number }) => Promise<unknown>): Promise<void> {
    record.state = 'active';
    record.attemptsMade += 1;
    try {
      record.result = await run(record.data, { id: record.id, attempt: record.attemptsMade });
      record.state = 'completed';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentJobError;
      if (!permanent && record.attemptsMade < record.attempts) {
        record.state = 'delayed';
        this.logger.warn(
          `Job ${record.queue}:${record.name}#${record.id} failed (attempt ${record.attemptsMade}/${record.attempts}): ${message}`,
        );
        this.schedule(record, record.backoffMs * 2 ** (record.attemptsMade - 1));
        return;
      }
      Object.assign(record, { state: 'failed', failedReason: message });
      this.logger.error(`Job ${record.queue}:${record.name}#${record.id} failed${permanent ? ' permanently' : ''}: ${message}`);
    }
  }

  private trimFinished(): void {
    if (this.jobs.size <= KEEP_FINISHED_JOBS * 2) return;
    for (const [key, record] of this.jobs) {
      if (this.jobs.size <= KEEP_FINISHED_JOBS) break;
      if (record.state === 'completed' || record.state === 'failed') this.jobs.delete(key);
    }
  }
}
