import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CacheModule } from './cache/cache.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { JobsModule } from './jobs/jobs.module';
import { ALL_QUEUES } from './jobs/queue-names';
import { LoggingModule } from './logging/logging.module';
import { ObservabilityModule } from './observability/health-contributors';
import { RedisModule } from './redis/redis.module';

export interface CoreModuleOptions {
  /** This process runs job handlers. */
  processJobs: boolean;
  /** This process owns the cron schedule (exactly one kind of process should). */
  schedule: boolean;
}

/** The plumbing every Nexus process shares: config, logs, database, Redis, cache, jobs. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        RedisModule,
        ObservabilityModule,
        CacheModule,
        JobsModule.forRoot(config, { queues: ALL_QUEUES, processJobs: options.processJobs }),
        ...(options.schedule ? [ScheduleModule.forRoot()] : []),
      ],
    };
  }
}
