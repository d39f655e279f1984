import { getQueueToken } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { JobQueue } from './job-queue';
import {
  DEFAULT_JOB_ATTEMPTS,
  DEFAULT_JOB_BACKOFF_MS,
  JobCounts,
  JobDefinition,
  JobOptions,
  JobState,
  JobStatus,
  KEEP_FINISHED_JOBS,
} from './job.types';

/** Services mode's queue: Bull on Redis, shared by every API and worker replica. */
@Injectable()
export class BullJobQueue extends JobQueue {
  constructor(private readonly moduleRef: ModuleRef) {
    super();
  }

  queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async add<T>(job: JobDefinition<T>, data: T, options: JobOptions = {}): Promise<string> {
    const created = await this.queue(job.queue).add(job.name, data, {
      jobId: options.jobId,
      attempts: options.attempts ?? DEFAULT_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_JOB_BACKOFF_MS },
      delay: options.delayMs,
      removeOnComplete: KEEP_FINISHED_JOBS,
      removeOnFail: KEEP_FINISHED_JOBS,
    });
    return String(created.id);
  }

  async counts(queue: string): Promise<JobCounts> {
    const counts = await this.queue(queue).getJobCounts();
    return { waiting: counts.waiting, delayed: counts.delayed, active: counts.active, completed: counts.completed, failed: counts.failed };
  }

  async getStatus<R>(job: Pick<JobDefinition<unknown>, 'queue'>, id: string): Promise<JobStatus<R> | null> {
    const queue = this.queue(job.queue);
    // Read the state first: once a job is terminal its hash is final, so the fields read next agree with it.
    const probe = await queue.getJob(id);
    if (!probe) return null;
    const raw = await probe.getState();
    const state: JobState = raw === 'completed' || raw === 'failed' || raw === 'active' || raw === 'delayed' ? raw : 'waiting';
    const found = (await queue.getJob(id)) ?? probe;
    return {
      id: String(found.id),
      queue: job.queue,
      name: found.name,
      state,
      // Bull counts failed tries; a completed job also made its successful one.
      attemptsMade: found.attemptsMade + (state === 'completed' ? 1 : 0),
      ...(state === 'completed' ? { result: found.returnvalue as R } : {}),
      ...(state === 'failed' ? { failedReason: found.failedReason } : {}),
    };
  }
}
