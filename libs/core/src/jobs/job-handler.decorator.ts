import { SetMetadata } from '@nestjs/common';
import { JobDefinition } from './job.types';

export const JOB_HANDLER = 'nexus:jobHandler';

export interface JobHandlerMetadata {
  queue: string;
  name: string;
  concurrency: number;
}

/**
 * Marks a provider method as the handler of a job. The same method runs in the
 * worker (Bull) and in-process (embedded mode).
 */
export const JobHandler = (job: JobDefinition<unknown>, options: { concurrency?: number } = {}) =>
  SetMetadata<string, JobHandlerMetadata>(JOB_HANDLER, { queue: job.queue, name: job.name, concurrency: options.concurrency ?? 1 });
