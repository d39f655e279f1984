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

/**
 * Hits and misses of every cache, by cache name (`invoices` for cached API
 * reads, `geoip` for geolocation). A lookup adds to a plain number; the
 * counters take the differences when scraped (prom-client's `collect`), since
 * a labelled increment per lookup cost more than some lookups it counted.
 */
@Injectable()
export class CacheMetrics {
  private readonly counts = new Map<string, { hits: number; misses: number; reportedHits: number; reportedMisses: number }>();

  constructor(registry: MetricsRegistry) {
    const counts = this.counts;
    new Counter({
      name: 'nexus_cache_hits_total',
      help: 'Cache lookups answered from the cache',
      labelNames: ['cache'],
      registers: [registry],
      collect() {
        for (const [cache, count] of counts) {
          this.inc({ cache }, count.hits - count.reportedHits);
          count.reportedHits = count.hits;
        }
      },
    });
    new Counter({
      name: 'nexus_cache_misses_total',
      help: 'Cache lookups that had to compute or read the value',
      labelNames: ['cache'],
      registers: [registry],
      collect() {
        for (const [cache, count] of counts) {
          this.inc({ cache }, count.misses - count.reportedMisses);
          count.reportedMisses = count.misses;
        }
      },
    });
  }

  /** Bound to one cache name: a lookup costs one addition. */
  for(cache: string): CacheCounter {
    let count = this.counts.get(cache);
    if (!count) this.counts.set(cache, (count = { hits: 0, misses: 0, reportedHits: 0, reportedMisses: 0 }));
    const bound = count;
    return {
      hit: () => void (bound.hits += 1),
      miss: () => void (bound.misses += 1),
    };
  }
}
