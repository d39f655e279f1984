import { Module } from '@nestjs/common';
import { AuthModule } from '@nexus/auth';
import { HttpMetrics } from './metrics/http.metrics';
import { MetricsAccessGuard } from './metrics/metrics-access.guard';
import { MetricsController } from './metrics/metrics.controller';
import { ProcessMetrics } from './metrics/process.metrics';
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
