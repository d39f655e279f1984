import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AccessTokenReader } from '@nexus/auth';
import { AppConfig, cidrMatcher, clientIp, ForbiddenError, UnauthorizedError } from '@nexus/core';
import type { FastifyRequest } from 'fastify';

/**
 * `/metrics` is for Prometheus on the allowed networks (METRICS_ALLOW, matched
 * against the client IP as TRUST_PROXY resolves it) and for operators with
 * their access token from anywhere else.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly allowed: (ip: string) => boolean;

  constructor(
    private readonly tokens: AccessTokenReader,
    config: AppConfig,
  ) {
    this.allowed = cidrMatcher(config.metrics.allow);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.allowed(clientIp(request))) return true;
    const authorization = request.headers.authorization;
    const user = this.tokens.read(authorization);
    if (!user) {
      throw new UnauthorizedError(
        authorization
          ? 'The access token is not valid'
          : 'Metrics are served to the addresses in METRICS_ALLOW, or with an operator access token (Authorization: Bearer …)',
        authorization ? 'invalid_token' : 'missing_token',
      );
    }
    if (user.platformRole !== 'operator') throw new ForbiddenError('Metrics need the platform role operator', 'platform_role_required');
    return true;
  }
}
