import { DynamicModule, Module } from '@nestjs/common';
import { AnomalyModule } from '@nexus/anomaly';
import { AppConfig, CoreModule, ProcessMetrics } from '@nexus/core';
import { InvoicesModule } from '@nexus/invoices';
import { IpTrackingModule } from '@nexus/ip-tracking';
import { WorkerMetricsServer } from './worker-metrics.server';

/** Queue processors and the scheduler; no API server, only its own /metrics listener. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config, { processJobs: true, schedule: true }), InvoicesModule, IpTrackingModule, AnomalyModule],
      // The same process and Node.js metrics as the API's.
      providers: [WorkerMetricsServer, ProcessMetrics],
    };
  }
}
