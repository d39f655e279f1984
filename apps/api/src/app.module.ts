import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuthModule } from '@nexus/auth';
import { AppConfig, CoreModule, createValidationPipe, HealthModule, ProblemFilter } from '@nexus/core';

/**
 * The HTTP application: the core plumbing, the domain modules, and the global
 * pipeline registered as APP_* providers so tests run exactly this pipeline.
 */
@Module({})
export class AppModule {
  /** `extra` lets e2e tests mount a fixture module behind the same pipeline. */
  static forRoot(config: AppConfig, extra: (Type | DynamicModule)[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, {
          processJobs: config.workerInProcess,
          // In services mode the worker owns the schedule; the API never runs crons there.
          schedule: config.mode === 'embedded',
        }),
        HealthModule,
        AuthModule,
        ...extra,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
