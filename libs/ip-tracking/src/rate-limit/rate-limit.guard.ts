import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerModuleOptions,
  ThrottlerOptions,
  ThrottlerRequest,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { AccessTokenReader } from '@nexus/auth';
import {
  AppConfig,
  clientIp,
  IS_PROBE,
  networkOf,
  requestFlags,
  RouteMemo,
  ServiceUnavailableError,
  TooManyRequestsError,
} from '@nexus/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

const TRACKER = Symbol('nexus.rateLimitTracker');

// The metadata keys @nestjs/throttler's decorators write (its throttler.constants, not exported by the package index).
const THROTTLER_LIMIT = 'THROTTLER:LIMIT';
const THROTTLER_TTL = 'THROTTLER:TTL';
const THROTTLER_BLOCK_DURATION = 'THROTTLER:BLOCK_DURATION';
const THROTTLER_TRACKER = 'THROTTLER:TRACKER';
const THROTTLER_KEY_GENERATOR = 'THROTTLER:KEY_GENERATOR';
const THROTTLER_SKIP = 'THROTTLER:SKIP';

type Plan = { throttler: ThrottlerOptions; limit: number; ttl: number; blockDuration: number }[];

type Tracked = FastifyRequest & { [TRACKER]?: ClientIdentity };

export interface ClientIdentity {
  tracker: string;
  authenticated: boolean;
}

function appendItem(reply: FastifyReply, header: string, item: string): void {
  const current = reply.getHeader(header);
  reply.header(header, current === undefined ? item : `${String(current)}, ${item}`);
}

/** One counter per client and throttler, across routes. */
function counterKey(throttlerName: string, tracker: string): string {
  return `${throttlerName}:${tracker}`;
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
  private readonly plans = new RouteMemo<Plan | null>((context) => this.planFor(context));

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly tokens: AccessTokenReader,
    private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  /**
   * The library's canActivate reads five metadata keys per throttler on every
   * request; here they are read once per route and kept. Same semantics: a
   * route's @SkipThrottle / @Throttle overrides, then the throttler's skipIf.
   */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (requestFlags(request).safelisted === true) return true;
    const plan = this.plans.get(context);
    if (!plan) return super.canActivate(context);
    for (const step of plan) {
      const skipIf = step.throttler.skipIf ?? this.commonOptions.skipIf;
      if (skipIf?.(context)) continue;
      try {
        await this.hit(
          request,
          context.switchToHttp().getResponse<FastifyReply>(),
          step.throttler,
          step.limit,
          step.ttl,
          step.blockDuration,
        );
      } catch (error) {
        // Failing closed refuses clients, not the orchestrator's probes (see @Probe).
        if (error instanceof ServiceUnavailableError && this.isProbe(context)) return true;
        throw error;
      }
    }
    return true;
  }

  private isProbe(context: ExecutionContext): boolean {
    return this.reflector.getAllAndOverride<boolean>(IS_PROBE, [context.getHandler(), context.getClass()]) === true;
  }

  /** The route's throttlers with their numbers, or null when one of them is computed per request (then the library decides). */
  private planFor(context: ExecutionContext): Plan | null {
    const targets = [context.getHandler(), context.getClass()];
    const read = <T>(key: string, name: string) => this.reflector.getAllAndOverride<T | undefined>(key + name, targets);
    const plan: Plan = [];
    for (const throttler of this.throttlers) {
      const name = throttler.name ?? 'default';
      if (read<boolean>(THROTTLER_SKIP, name)) continue;
      if (read(THROTTLER_TRACKER, name) || read(THROTTLER_KEY_GENERATOR, name)) return null;
      const limit = read<unknown>(THROTTLER_LIMIT, name) ?? throttler.limit;
      const ttl = read<unknown>(THROTTLER_TTL, name) ?? throttler.ttl;
      const blockDuration = read<unknown>(THROTTLER_BLOCK_DURATION, name) ?? throttler.blockDuration ?? ttl;
      if (typeof limit !== 'number' || typeof ttl !== 'number' || typeof blockDuration !== 'number') return null;
      plan.push({ throttler, limit, ttl, blockDuration });
    }
    return plan;
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return requestFlags(context.switchToHttp().getRequest<FastifyRequest>()).safelisted === true;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return identifyClient(request as unknown as FastifyRequest, this.tokens, this.config.rateLimit.ipv6Prefix).tracker;
  }

  /** One counter per client and throttler, across routes. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return counterKey(throttlerName, tracker);
  }

  /** The library's entry, for routes whose limits are computed per request (see canActivate). */
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration } = props;
    const http = context.switchToHttp();
    return this.hit(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), throttler, limit, ttl, blockDuration);
  }

  /** One counter hit (one storage round trip), the IETF headers, and a 429 problem when the client is over. */
  private async hit(
    request: FastifyRequest,
    reply: FastifyReply,
    throttler: ThrottlerOptions,
    limit: number,
    ttl: number,
    blockDuration: number,
  ): Promise<boolean> {
    const tracker = identifyClient(request, this.tokens, this.config.rateLimit.ipv6Prefix).tracker;
    const name = throttler.name ?? 'default';
    const record = await this.storageService.increment(counterKey(name, tracker), ttl, limit, blockDuration, name);
    const windowSeconds = Math.round(ttl / 1000);
    // One list item per policy applied (the draft's Structured Fields list): login shows the global and the auth limits.
    appendItem(reply, 'RateLimit-Policy', `"${name}";q=${limit};w=${windowSeconds}`);
    appendItem(
      reply,
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
