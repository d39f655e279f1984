import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AccessTokenReader, AuthenticatedUser } from '@nexus/auth';
import { AppConfig, AppError, ForbiddenError, markAuthFailure, sendProblem, UnauthorizedError } from '@nexus/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OpsSessionService } from './ops-session.service';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard.paths';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What operators get at /ops/queues when the API runs without Redis. */
export class NoRedisQueuesError extends AppError {
  readonly status = 404;
  readonly slug = 'no-redis-queues';
  readonly title = 'No Redis queues in embedded mode';

  constructor() {
    super(
      'This API runs in embedded mode: jobs run in-process and there are no Redis queues to show. ' +
        'Set REDIS_URL and run the worker (npm run start:worker) to get the Bull queues and this dashboard.',
      'no_redis_queues',
    );
  }
}

function underDashboard(path: string | undefined): boolean {
  return path !== undefined && (path === QUEUE_DASHBOARD_PATH || path.startsWith(`${QUEUE_DASHBOARD_PATH}/`));
}

/**
 * Bull Board registers plain Fastify routes, which Nest's global guards never
 * see. This hook guards everything under /ops/queues (page, static assets and
 * JSON API) with an operator's access token, from the Authorization header or
 * the cookie set by POST /api/v1/ops/session.
 */
@Injectable()
export class QueueDashboardAccess implements OnApplicationBootstrap {
  private readonly logger = new Logger('QueueDashboard');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: AccessTokenReader,
    private readonly sessions: OpsSessionService,
    private readonly config: AppConfig,
  ) {}

  /**
   * An onRequest hook (before any body is read) added at bootstrap, after every
   * module's onModuleInit, so it runs after the edge pipeline's: blocked IPs are
   * refused first. (A preParsing hook would also run after it, but an extra hook
   * stage costs every request of the API about 10 µs.)
   */
  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) return;
    fastify.addHook('onRequest', (request, reply, done) => {
      // The matched route template, so an encoded path (/ops/%71ueues) cannot slip past; the raw path covers unmatched URLs.
      // Every request passes here: the common case costs two string comparisons and allocates nothing.
      const rawPath = request.url.startsWith(QUEUE_DASHBOARD_PATH) ? request.url.split('?')[0] : undefined;
      if (!underDashboard(request.routeOptions.url) && !underDashboard(rawPath)) return done();
      const refusal = this.refusal(request) ?? (this.config.mode === 'embedded' ? new NoRedisQueuesError() : null);
      if (refusal === null) return done();
      sendProblem(refusal, request, reply, this.logger);
    });
  }

  private refusal(request: FastifyRequest): AppError | null {
    const header = request.headers.authorization;
    const cookieToken = header === undefined ? this.sessions.tokenFrom(request) : undefined;
    if (header === undefined && cookieToken === undefined) {
      markAuthFailure(request, 'invalid_token');
      return new UnauthorizedError(
        'An operator access token is required (Authorization: Bearer …, or the cookie from POST /api/v1/ops/session)',
        'missing_token',
      );
    }
    const user = this.tokens.read(header ?? `Bearer ${cookieToken}`);
    if (!user) {
      markAuthFailure(request, 'invalid_token');
      return new UnauthorizedError('The access token is not valid or has expired', 'invalid_token');
    }
    // The request log records who used the dashboard.
    (request as FastifyRequest & { user?: AuthenticatedUser }).user = user;
    if (user.platformRole !== 'operator') {
      return new ForbiddenError('The queue dashboard needs the platform role operator', 'platform_role_required');
    }
    // SameSite=Strict keeps other sites out; this also keeps out same-site pages (sibling subdomains) from changing queues.
    if (cookieToken !== undefined && !SAFE_METHODS.has(request.method) && request.headers['sec-fetch-site'] !== 'same-origin') {
      return new ForbiddenError(
        'Changes through the dashboard cookie must come from the dashboard page (Sec-Fetch-Site: same-origin)',
        'csrf_failed',
      );
    }
    return null;
  }
}
