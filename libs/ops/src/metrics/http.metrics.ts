import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MetricsRegistry, requestFlags } from '@nexus/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Histogram } from 'prom-client';

/** Seconds; from a cached read (~1 ms) to a slow PDF or a stuck dependency. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Requests Fastify could not route share one label, so scanners cannot grow the label set. */
const UNMATCHED = 'unmatched';

type Observe = (seconds: number) => void;

/**
 * Request duration by route template, method and status class, and the
 * requests the edge refused (blocked by an IP rule, throttled by a rate
 * limit), recorded in an onResponse hook so refused requests count too.
 */
@Injectable()
export class HttpMetrics implements OnModuleInit {
  private readonly duration: Histogram<'route' | 'method' | 'status_class'>;
  private readonly blocked: Counter<'reason'>;
  private readonly throttled: Counter<'throttler'>;
  /** Bound children by label values: one map lookup per request instead of prom-client's label hashing. */
  private readonly observers = new Map<string, Observe>();

  constructor(
    registry: MetricsRegistry,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.duration = new Histogram({
      name: 'nexus_http_request_duration_seconds',
      help: 'HTTP request duration, by route template, method and status class',
      labelNames: ['route', 'method', 'status_class'],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    });
    this.blocked = new Counter({
      name: 'nexus_http_requests_blocked_total',
      help: 'Requests refused by an IP rule, by reason (manual, auto_ban, country)',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.throttled = new Counter({
      name: 'nexus_http_requests_throttled_total',
      help: 'Requests refused by a rate limit, by throttler',
      labelNames: ['throttler'],
      registers: [registry],
    });
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) return;
    fastify.addHook('onResponse', (request, reply, done) => {
      this.record(request, reply);
      done();
    });
  }

  record(request: FastifyRequest, reply: FastifyReply): void {
    const route = request.routeOptions?.url ?? UNMATCHED;
    const statusClass = `${Math.floor(reply.statusCode / 100)}xx`;
    const key = `${request.method} ${statusClass} ${route}`;
    let observe = this.observers.get(key);
    if (!observe) {
      const child = this.duration.labels(route, request.method, statusClass);
      observe = (seconds) => child.observe(seconds);
      this.observers.set(key, observe);
    }
    observe(reply.elapsedTime / 1000);
    const flags = requestFlags(request);
    if (flags.blocked !== undefined) this.blocked.inc({ reason: flags.blocked });
    if (flags.throttled !== undefined) this.throttled.inc({ throttler: flags.throttled });
  }
}
