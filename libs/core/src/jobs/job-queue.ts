import { JobCounts, JobDefinition, JobOptions, JobStatus } from './job.types';

/**
 * The one job API domain code sees. Bull on Redis in services mode, an
 * in-process runner in embedded mode; handlers are the same either way.
 */
export abstract class JobQueue {
  /** Enqueues a job and returns its id (the given `jobId`, if any). */
  abstract add<T>(job: JobDefinition<T>, data: T, options?: JobOptions): Promise<string>;
  abstract getStatus<R = unknown>(job: Pick<JobDefinition<unknown>, 'queue'>, id: string): Promise<JobStatus<R> | null>;
  /** How many jobs of the queue are in each state (finished ones only as far as they are kept). */
  abstract counts(queue: string): Promise<JobCounts>;
}
