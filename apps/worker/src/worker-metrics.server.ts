import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, cidrMatcher, defaultProblemFor, MetricsRegistry, PROBLEM_CONTENT_TYPE } from '@nexus/core';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { collectDefaultMetrics } from 'prom-client';

/**
 * The worker's Prometheus endpoint: it has no API server, and its process
 * metrics and job durations exist only in its own registry (queue depths and
 * anomaly figures are cluster-wide and come from the API's /metrics too).
 * A bare node:http listener: one route, METRICS_ALLOW addresses only
 * (operator tokens are an API concern), closed on shutdown.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerMetrics');
  private readonly allowed: (ip: string) => boolean;
  private server: Server | null = null;

  constructor(
    private readonly registry: MetricsRegistry,
    private readonly config: AppConfig,
  ) {
    this.allowed = cidrMatcher(config.metrics.allow);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metrics.workerPort === 0) return;
    collectDefaultMetrics({ register: this.registry });
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.metrics.workerPort, this.config.host, () => resolve());
    });
    this.server = server;
    this.logger.log(`Metrics on http://${this.config.host}:${this.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The bound port (useful when configured as an ephemeral one). */
  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD'))
      return problem(response, 404, 'Only GET /metrics is served here');
    const peer = request.socket.remoteAddress ?? '';
    const ip = peer.startsWith('::ffff:') ? peer.slice(7) : peer;
    if (!this.allowed(ip)) return problem(response, 403, 'Worker metrics are served to the METRICS_ALLOW addresses only');
    try {
      const body = await this.registry.metrics();
      response.writeHead(200, { 'content-type': this.registry.contentType, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      this.logger.error(`Metrics collection failed: ${(error as Error).message}`);
      problem(response, 500, 'Metrics collection failed');
    }
  }
}

function problem(response: ServerResponse, status: number, detail: string): void {
  const { type, title } = defaultProblemFor(status);
  response.writeHead(status, { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' });
  response.end(JSON.stringify({ type, title, status, detail }));
}
