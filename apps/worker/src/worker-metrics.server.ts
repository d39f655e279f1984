import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, AppError, cidrMatcher, ForbiddenError, MetricsRegistry, PROBLEM_CONTENT_TYPE, toProblem } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

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
    try {
      if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) throw new NotServedError();
      // BlockList matches IPv4-mapped peers (::ffff:a.b.c.d) against IPv4 ranges itself.
      if (!this.allowed(request.socket.remoteAddress ?? '')) {
        throw new ForbiddenError('Worker metrics are served to the METRICS_ALLOW addresses only', 'address_not_allowed');
      }
      const body = await this.registry.metrics();
      response.writeHead(200, { 'content-type': this.registry.contentType, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      // The API's problem shape, through the same mapper; a server fault is logged with its request id.
      const { problem, serverFault } = toProblem(error, { requestId: randomUUID(), path });
      if (serverFault) this.logger.error({ err: error, requestId: problem.requestId }, 'Metrics collection failed');
      response.writeHead(problem.status, { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' });
      response.end(JSON.stringify(problem));
    }
  }
}

class NotServedError extends AppError {
  readonly status = 404;
  readonly slug = 'not-found';
  readonly title = 'Not Found';

  constructor() {
    super('Only GET /metrics is served here', 'not_found');
  }
}
