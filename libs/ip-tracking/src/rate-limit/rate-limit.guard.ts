import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerModuleOptions,
  ThrottlerRequest,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { AccessTokenReader } from '@nexus/auth';
import { AppConfig, clientIp, requestFlags, TooManyRequestsError } from '@nexus/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { networkOf } from '../ip/ip-address';

const TRACKER = Symbol('nexus.rateLimitTracker');

type Tracked = FastifyRequest & { [TRACKER]?: ClientIdentity };

export interface ClientIdentity {
  tracker: string;
  authenticated: boolean;
}

/**
 * What a request is limited by: its user when it carries a valid access token,
 * else its address (IPv6 grouped by network). Computed once per request.
 */
export function identifyClient(request: FastifyRequest, tokens: AccessTokenReader, ipv6Prefix: number): ClientIdentity {
  const tracked = request as Tracked;
  if (!tracked[TRACKER]) {
    const user = tokens.read(request.headers.authorization);
    tracked[TRACKER] = user
      ? { tracker: `user:${user.userId}`, authenticated: true }
      : { tracker: `ip:${networkOf(clientIp(request), ipv6Prefix)}`, authenticated: false };
  }
  return tracked[TRACKER];
}

/**
 * @nestjs/throttler with the edge's rules: safelisted clients skip it, keys are
 * per client (not per route) for the global limit, headers follow the IETF
 * RateLimit draft, and a refusal is a problem+json 429 with Retry-After.
 * Registered before the auth guard, so floods are refused before any token work.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly tokens: AccessTokenReader,
    private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return requestFlags(context.switchToHttp().getRequest<FastifyRequest>()).safelisted === true;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return identifyClient(request as unknown as FastifyRequest, this.tokens, this.config.rateLimit.ipv6Prefix).tracker;
  }

  /** One counter per client and throttler, across routes. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration } = props;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const tracker = await this.getTracker(request as unknown as Record<string, unknown>);
    const name = throttler.name ?? 'default';
    const record = await this.storageService.increment(this.generateKey(context, tracker, name), ttl, limit, blockDuration, name);
    const windowSeconds = Math.round(ttl / 1000);
    reply.header('RateLimit-Policy', `"${name}";q=${limit};w=${windowSeconds}`);
    reply.header(
      'RateLimit',
      `"${name}";r=${Math.max(0, limit - record.totalHits)};t=${record.isBlocked ? record.timeToBlockExpire : record.timeToExpire}`,
    );
    if (record.isBlocked) {
      requestFlags(request).throttled = name;
      throw new TooManyRequestsError(
        `Rate limit "${name}" exceeded: ${limit} requests per ${windowSeconds} s`,
        Math.max(1, record.timeToBlockExpire),
        'rate_limited',
      );
    }
    return true;
  }
}
