import { Module } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccessTokenReader, AuthModule } from '@nexus/auth';
import { AppConfig, AUTH_RATE_LIMITED, RedisService } from '@nexus/core';
import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { MemoryFixedWindowStorage, RedisFixedWindowStorage } from './fixed-window.storage';

import { identifyClient, RateLimitGuard } from './rate-limit.guard';

/**
 * Named throttlers: `default` on every route per client, and the login/register
 * limits (`auth-anonymous` per IP, `auth-user` per user) only on routes marked
 * `@AuthRateLimited()`. Counters live in Redis in services mode (one atomic
 * Lua call per hit) and in memory in embedded mode.
 */
@Module({
  imports: [
    AuthModule,
    ThrottlerModule.forRootAsync({
      imports: [AuthModule],
      inject: [AppConfig, RedisService, AccessTokenReader, Reflector],
      useFactory: (config: AppConfig, redis: RedisService, tokens: AccessTokenReader, reflector: Reflector) => {
        const limits = config.rateLimit;
        // Per route, read once: the skipIf below runs on every request.
        const authRoutes = new Map<unknown, boolean>();
        const authRoute = (context: ExecutionContext) => {
          let marked = authRoutes.get(context.getHandler());
          if (marked === undefined) {
            marked = reflector.getAllAndOverride<boolean>(AUTH_RATE_LIMITED, [context.getHandler(), context.getClass()]) === true;
            authRoutes.set(context.getHandler(), marked);
          }
          return marked;
        };
        const authenticated = (context: ExecutionContext) =>
          identifyClient(context.switchToHttp().getRequest<FastifyRequest>(), tokens, limits.ipv6Prefix).authenticated;
        // A dedicated connection without an offline queue: when Redis is down, hits fail fast and the fail-open policy decides.
        const storage = redis.client
          ? new RedisFixedWindowStorage(
              redis.duplicate('rate-limit', { enableOfflineQueue: false, maxRetriesPerRequest: 0 }),
              config.redisKeyPrefix,
              limits.failOpen,
            )
          : new MemoryFixedWindowStorage();
        return {
          storage,
          throttlers: [
            { name: 'default', limit: limits.default.limit, ttl: limits.default.windowSeconds * 1000 },
            {
              name: 'auth-anonymous',
              limit: limits.authAnonymous.limit,
              ttl: limits.authAnonymous.windowSeconds * 1000,
              skipIf: (context) => !authRoute(context) || authenticated(context),
            },
            {
              name: 'auth-user',
              limit: limits.authUser.limit,
              ttl: limits.authUser.windowSeconds * 1000,
              skipIf: (context) => !authRoute(context) || !authenticated(context),
            },
          ],
        };
      },
    }),
  ],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
