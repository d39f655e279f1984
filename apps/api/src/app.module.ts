import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AnomalyModule } from '@nexus/anomaly';
import { AccessTokenGuard, AuthModule } from '@nexus/auth';
import { AppConfig, CoreModule, createValidationPipe, HealthModule, ProblemFilter } from '@nexus/core';
import { InvoicesModule } from '@nexus/invoices';
import { IpTrackingModule, RateLimitGuard } from '@nexus/ip-tracking';
import { OpsModule } from '@nexus/ops';

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
        IpTrackingModule,
        AuthModule,
        InvoicesModule,
        AnomalyModule,
        OpsModule,
        ...extra,
      ],
      providers: [
        // Global guards run in this order: floods are refused before any token work.
        { provide: APP_GUARD, useExisting: RateLimitGuard },
        { provide: APP_GUARD, useExisting: AccessTokenGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
