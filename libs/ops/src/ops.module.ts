import { Module } from '@nestjs/common';
import { AuthModule } from '@nexus/auth';
import { ProcessMetrics } from '@nexus/core';
import { HttpMetrics } from './metrics/http.metrics';
import { MetricsAccessGuard } from './metrics/metrics-access.guard';
import { MetricsController } from './metrics/metrics.controller';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';

/**
 * What operators use to see inside a running API: the Prometheus endpoint and
 * the queue dashboard. Mounted by apps/api only; the worker has no HTTP server.
 */
@Module({
  imports: [AuthModule, QueueDashboardModule],
  controllers: [MetricsController],
  providers: [HttpMetrics, ProcessMetrics, MetricsAccessGuard],
})
export class OpsModule {}
