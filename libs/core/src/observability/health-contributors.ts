import { Global, Injectable, Module } from '@nestjs/common';
import { CacheMetrics, MetricsRegistry } from './metrics-registry';

/** Something a module wants operators to see in /health/ready (counters, buffer sizes). */
export type HealthContributor = () => Record<string, unknown>;

/** Modules register what they report; the readiness endpoint shows it under `details`. */
@Injectable()
export class HealthContributors {
  private readonly contributors = new Map<string, HealthContributor>();

  register(name: string, contributor: HealthContributor): void {
    this.contributors.set(name, contributor);
  }

  collect(): Record<string, Record<string, unknown>> {
    return Object.fromEntries([...this.contributors].map(([name, contributor]) => [name, contributor()]));
  }
}

@Global()
@Module({
  providers: [HealthContributors, MetricsRegistry, CacheMetrics],
  exports: [HealthContributors, MetricsRegistry, CacheMetrics],
})
export class ObservabilityModule {}
