import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedUser } from '@nexus/auth';
import { CacheCounter, CacheMetrics } from '@nexus/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, concatMap, from, Observable, of, tap, throwError } from 'rxjs';
import { OrgCache } from './org-cache.service';

const CACHED_READ = 'nexus:invoices:cachedRead';

/** Marks a GET whose answer is cached per organization and exact URL. */
export const CachedRead = () => SetMetadata(CACHED_READ, true);

type Request = FastifyRequest & { user?: AuthenticatedUser };
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Read-through cache for routes marked `@CachedRead()`, and invalidation for
 * every write of the controller: once the handler has finished (its
 * transaction committed, or failed) the organization's generation is replaced
 * before the response leaves, so a read that follows never sees the old state.
 * A request sent with `Cache-Control: no-cache` skips the lookup. A hit is the
 * cached JSON text, so interceptors outside this one see a string.
 */
@Injectable()
export class OrgCacheInterceptor implements NestInterceptor {
  private readonly logger = new Logger(OrgCacheInterceptor.name);
  private readonly counter: CacheCounter;

  constructor(
    private readonly cache: OrgCache,
    private readonly reflector: Reflector,
    cacheMetrics: CacheMetrics,
  ) {
    this.counter = cacheMetrics.for('invoices');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const organizationId = request.user?.organizationId;
    if (!organizationId) return next.handle();
    if (!READ_METHODS.has(request.method)) {
      const invalidate = () => from(this.cache.invalidate(organizationId));
      return next.handle().pipe(
        concatMap((body) => invalidate().pipe(concatMap(() => of(body)))),
        catchError((error: unknown) => invalidate().pipe(concatMap(() => throwError(() => error)))),
      );
    }
    if (!this.reflector.get<boolean>(CACHED_READ, context.getHandler())) return next.handle();
    const reply = http.getResponse<FastifyReply>();
    const bypass = /\bno-cache\b/.test(String(request.headers['cache-control'] ?? ''));
    let key: string;
    let hit: string | undefined;
    try {
      key = await this.cache.keyFor(organizationId, request.url);
      // Entries are the serialized JSON: a hit is sent as is, with no object to revive or serialize again.
      hit = bypass ? undefined : await this.cache.get<string>(key);
    } catch (error) {
      // The cache is an optimization: without it, reads go to the database (writes still fail to invalidate, loudly).
      this.logger.warn(`Cache unavailable, reading from the database: ${(error as Error).message}`);
      return next.handle();
    }
    if (typeof hit === 'string') {
      this.counter.hit();
      reply.header('X-Cache', 'HIT').type(JSON_TYPE);
      return of(hit);
    }
    this.counter.miss();
    reply.header('X-Cache', 'MISS');
    return next.handle().pipe(tap({ next: (body) => void this.cache.set(key, JSON.stringify(body)).catch(() => undefined) }));
  }
}
