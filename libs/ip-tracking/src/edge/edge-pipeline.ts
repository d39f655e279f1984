import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AppConfig, AppError, clientIp, RequestFlags, requestFlags, sendProblem } from '@nexus/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GeoIpService } from '../geo/geo-ip.service';
import { RequestLogBuffer } from '../request-log/request-log.buffer';
import type { MatchableRule } from '../rules/ip-rule-matcher';
import { IpRulesService } from '../rules/ip-rules.service';

const MAX_PATH = 512;

/** 403 from the edge, before routing: the client's address is on the block list. */
export class IpBlockedError extends AppError {
  readonly status = 403;
  readonly slug = 'ip-blocked';
  readonly title = 'Forbidden';

  constructor() {
    super('Requests from your address are blocked', 'ip_blocked');
  }
}

function blockReason(rule: MatchableRule | undefined): RequestFlags['blocked'] {
  if (rule?.targetType === 'country') return 'country';
  return rule?.source === 'auto' ? 'auto_ban' : 'manual';
}

interface WithUser {
  user?: { userId?: string; organizationId?: string | null };
}

/**
 * The edge of the HTTP pipeline, as Fastify hooks so it runs before routing,
 * body parsing and auth: safelist → blocklist (403 at once, the body is never
 * parsed) → [rate limit: the throttler guard] → log (onResponse, which also
 * sees blocked and throttled requests).
 */
@Injectable()
export class EdgePipeline implements OnModuleInit {
  private readonly logger = new Logger('Edge');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly rules: IpRulesService,
    private readonly geo: GeoIpService,
    private readonly buffer: RequestLogBuffer,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    // Only the API has an HTTP server; the worker and the CLI load this module without one.
    if (!fastify?.addHook) return;
    fastify.addHook('onRequest', (request, reply, done) => this.screen(request, reply, done));
    fastify.addHook('onResponse', (request, reply, done) => {
      this.log(request, reply);
      done();
    });
    // Runs after in-flight requests completed and before the database closes: nothing buffered is lost.
    fastify.addHook('onClose', (_instance, done) => void this.buffer.drain().finally(done));
  }

  private screen(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
    const ip = clientIp(request);
    const decision = this.rules.decide(ip, () => this.geo.lookup(ip).country);
    if (decision.action === 'allow') requestFlags(request).safelisted = true;
    if (decision.action !== 'block') return done();
    requestFlags(request).blocked = blockReason(decision.rule);
    sendProblem(new IpBlockedError(), request, reply, this.logger);
  }

  private log(request: FastifyRequest, reply: FastifyReply): void {
    const flags = requestFlags(request);
    const user = (request as FastifyRequest & WithUser).user;
    const agent = request.headers['user-agent'];
    const path = this.config.requestLog.keepQueryString ? request.url : request.url.split('?')[0];
    this.buffer.add({
      occurredAt: new Date(),
      ip: clientIp(request),
      method: request.method.slice(0, 10),
      path: path.slice(0, MAX_PATH),
      route: request.routeOptions?.url ?? null,
      status: reply.statusCode,
      latencyMs: Math.round(reply.elapsedTime),
      userAgent: typeof agent === 'string' ? agent.slice(0, 512) : null,
      userId: user?.userId ?? null,
      organizationId: user?.organizationId ?? null,
      blocked: flags.blocked !== undefined,
      throttled: flags.throttled !== undefined,
      authFailure: flags.authFailure?.slice(0, 32) ?? null,
    });
  }
}
