import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { inOwnContext } from '../logging/request-context';
import { BullJobQueue } from './bull-job-queue';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobQueue } from './job-queue';
import { PermanentJobError } from './job.types';

/** Attaches every registered handler to its Bull queue (worker, or an API with WORKER_IN_PROCESS). */
@Injectable()
export class BullProcessorBinder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly jobs: JobQueue,
  ) {}

  onApplicationBootstrap(): void {
    const bull = this.jobs as BullJobQueue;
    for (const handler of this.registry.all()) {
      void bull.queue(handler.queue).process(handler.name, handler.concurrency, (job: Job) =>
        inOwnContext(async () => {
          try {
            return await handler.run(job.data, { id: String(job.id), attempt: job.attemptsMade + 1 });
          } catch (error) {
            if (error instanceof PermanentJobError) await job.discard();
            throw error;
          }
        }),
      );
      this.logger.log(`Processing ${handler.queue}:${handler.name} (concurrency ${handler.concurrency})`);
    }
  }
}
