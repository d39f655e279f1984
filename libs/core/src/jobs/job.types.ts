export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

export const JOB_STATES: readonly JobState[] = ['waiting', 'delayed', 'active', 'completed', 'failed'];

export type JobCounts = Record<JobState, number>;

export interface JobOptions {
  /** A fixed id makes the job idempotent: adding it again while it exists is a no-op. */
  jobId?: string;
  /** Total tries, the first included. Default 3. */
  attempts?: number;
  /** First retry delay; doubled on each further retry. Default 1000 ms. */
  backoffMs?: number;
  delayMs?: number;
}

export interface JobStatus<R = unknown> {
  id: string;
  queue: string;
  name: string;
  state: JobState;
  attemptsMade: number;
  result?: R;
  failedReason?: string;
}

export interface JobContext {
  id: string;
  /** 1 on the first try. */
  attempt: number;
}

/** A job that names its queue and payload type once, so producers and handlers cannot disagree. */
export interface JobDefinition<T> {
  queue: string;
  name: string;
  /** Phantom field carrying the payload type. */
  readonly payload?: T;
}

export function defineJob<T>(queue: string, name: string): JobDefinition<T> {
  return { queue, name };
}

/** Throw it from a handler when retrying cannot help (bad payload, missing row). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export const DEFAULT_JOB_ATTEMPTS = 3;
export const DEFAULT_JOB_BACKOFF_MS = 1000;
/** Completed and failed jobs kept for status queries before they are trimmed. */
export const KEEP_FINISHED_JOBS = 1000;
