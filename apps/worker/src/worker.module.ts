import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@nexus/core';

/** Queue processors and the scheduler; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config, { processJobs: true, schedule: true })],
    };
  }
}
