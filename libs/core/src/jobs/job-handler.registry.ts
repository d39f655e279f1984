import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_HANDLER, JobHandlerMetadata } from './job-handler.decorator';
import { Histogram } from 'prom-client';
import { MetricsRegistry } from '../observability/metrics-registry';
import { JobContext } from './job.types';

export interface RegisteredHandler extends JobHandlerMetadata {
  run: (data: unknown, context: JobContext) => Promise<unknown>;
}

/** Finds every `@JobHandler` method once, at start-up. */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, RegisteredHandler>();

  private readonly duration: Histogram<'queue' | 'job' | 'outcome'>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    metrics: MetricsRegistry,
  ) {
    this.duration = new Histogram({
      name: 'nexus_job_duration_seconds',
      help: 'Job runs in this process, by queue, job and outcome (a failed run may be retried)',
      labelNames: ['queue', 'job', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
      registers: [metrics],
    });
  }

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method] as (...args: unknown[]) => unknown;
        const meta = this.reflector.get<JobHandlerMetadata | undefined>(JOB_HANDLER, fn);
        if (!meta) continue;
        const key = this.key(meta.queue, meta.name);
        if (this.handlers.has(key)) throw new Error(`Two handlers for job ${key}`);
        this.handlers.set(key, { ...meta, run: (data, context) => this.timed(meta, () => fn.call(instance, data, context)) });
      }
    }
  }

  get(queue: string, name: string): RegisteredHandler | undefined {
    return this.handlers.get(this.key(queue, name));
  }

  all(): RegisteredHandler[] {
    return [...this.handlers.values()];
  }

  /** Every run is timed, whichever queue (Bull or in-process) called it. */
  private async timed(meta: JobHandlerMetadata, run: () => unknown): Promise<unknown> {
    const stop = this.duration.startTimer({ queue: meta.queue, job: meta.name });
    try {
      const result = await run();
      stop({ outcome: 'completed' });
      return result;
    } catch (error) {
      stop({ outcome: 'failed' });
      throw error;
    }
  }

  private key(queue: string, name: string): string {
    return `${queue}:${name}`;
  }
}
