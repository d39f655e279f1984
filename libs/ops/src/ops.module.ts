import { Module } from '@nestjs/common';
import { AuthModule } from '@nexus/auth';
import { HttpMetrics } from './metrics/http.metrics';
import { MetricsAccessGuard } from './metrics/metrics-access.guard';
import { MetricsController } from './metrics/metrics.controller';
import { ProcessMetrics } from './metrics/process.metrics';

/**
 * What operators use to see inside a running API: the Prometheus endpoint and
 * the queue dashboard. Mounted by apps/api only; the worker has no HTTP server.
 */
@Module({
  imports: [AuthModule],
  controllers: [MetricsController],
  providers: [HttpMetrics, ProcessMetrics, MetricsAccessGuard],
})
export class OpsModule {}
