import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsRegistry } from '../observability/metrics-registry';
import { JobQueue } from './job-queue';
import { JOB_STATES } from './job.types';
import { ALL_QUEUES } from './queue-names';

/**
 * Jobs per queue and state, read when Prometheus scrapes. In services mode the
 * counts come from Redis, so every replica reports the same cluster-wide
 * numbers (aggregate with max, not sum); failed jobs are those Bull keeps.
 */
@Injectable()
export class QueueMetrics {
  constructor(registry: MetricsRegistry, queue: JobQueue) {
    new Gauge({
      name: 'nexus_queue_jobs',
      help: 'Jobs in each queue by state (finished jobs as far as they are kept)',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        const all = await Promise.all(ALL_QUEUES.map(async (name) => [name, await queue.counts(name)] as const));
        for (const [name, counts] of all) for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state]);
      },
    });
  }
}
