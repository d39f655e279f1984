import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/**
 * The Prometheus registry of this process. One per application (never
 * prom-client's global one), so tests that boot several apps in one process do
 * not share counters. Modules define their instruments against it in a
 * `*.metrics.ts` file beside the code they measure; `/metrics` serves it.
 */
@Injectable()
export class MetricsRegistry extends Registry {}

/** Counts the lookups of one cache. */
export interface CacheCounter {
  hit(): void;
  miss(): void;
}

/** Hits and misses of every cache, by cache name (`invoices` for cached API reads, `geoip` for geolocation). */
@Injectable()
export class CacheMetrics {
  private readonly hits: Counter<'cache'>;
  private readonly misses: Counter<'cache'>;

  constructor(registry: MetricsRegistry) {
    this.hits = new Counter({
      name: 'nexus_cache_hits_total',
      help: 'Cache lookups answered from the cache',
      labelNames: ['cache'],
      registers: [registry],
    });
    this.misses = new Counter({
      name: 'nexus_cache_misses_total',
      help: 'Cache lookups that had to compute or read the value',
      labelNames: ['cache'],
      registers: [registry],
    });
  }

  /** Bound to one cache name, so the per-lookup cost is one increment. */
  for(cache: string): CacheCounter {
    const hits = this.hits.labels(cache);
    const misses = this.misses.labels(cache);
    hits.inc(0);
    misses.inc(0);
    return { hit: () => hits.inc(), miss: () => misses.inc() };
  }
}
