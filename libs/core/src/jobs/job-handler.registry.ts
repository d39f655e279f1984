import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_HANDLER, JobHandlerMetadata } from './job-handler.decorator';
import { JobContext } from './job.types';

export interface RegisteredHandler extends JobHandlerMetadata {
  run: (data: unknown, context: JobContext) => Promise<unknown>;
}

/** Finds every `@JobHandler` method once, at start-up. */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, RegisteredHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

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
        this.handlers.set(key, { ...meta, run: async (data, context) => fn.call(instance, data, context) });
      }
    }
  }

  get(queue: string, name: string): RegisteredHandler | undefined {
    return this.handlers.get(this.key(queue, name));
  }

  all(): RegisteredHandler[] {
    return [...this.handlers.values()];
  }

  private key(queue: string, name: string): string {
    return `${queue}:${name}`;
  }
}
