import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { BullJobQueue } from './bull-job-queue';
import { BullProcessorBinder } from './bull-processor.binder';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobQueue } from './job-queue';
import { QueueMetrics } from './queue.metrics';

export interface JobsModuleOptions {
  /** Every queue any module uses (each lib exports its queue names). */
  queues: readonly string[];
  /** Whether this process runs handlers (always true in embedded mode). */
  processJobs: boolean;
}

@Module({})
export class JobsModule {
  static forRoot(config: AppConfig, options: JobsModuleOptions): DynamicModule {
    const providers: Provider[] = [JobHandlerRegistry];
    const imports: DynamicModule[] = [DiscoveryModule as unknown as DynamicModule];
    if (config.redisUrl) {
      imports.push(
        BullModule.forRoot({ url: config.redisUrl, prefix: `${config.redisKeyPrefix}:bull` }),
        BullModule.registerQueue(...options.queues.map((name) => ({ name }))),
      );
      providers.push({ provide: JobQueue, useClass: BullJobQueue });
      if (options.processJobs) providers.push(BullProcessorBinder);
    } else {
      providers.push({ provide: JobQueue, useClass: InProcessJobQueue });
    }
    providers.push(QueueMetrics);
    return { module: JobsModule, global: true, imports, providers, exports: [JobQueue, QueueMetrics] };
  }
}
