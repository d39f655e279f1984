import { KeyvCacheableMemory } from '@cacheable/memory';
import { CacheModule as NestCacheModule } from '@nestjs/cache-manager';
import { Module } from '@nestjs/common';
import KeyvRedis, { Keyv } from '@keyv/redis';
import { AppConfig } from '../config/app-config';

/** Entries kept by the embedded in-memory store before the least recently used are evicted. */
const MEMORY_CACHE_ENTRIES = 10_000;
const DEFAULT_TTL_MS = 60_000;

/**
 * `CACHE_MANAGER` for every module: an LRU in memory (embedded) or Redis
 * (services), both through cache-manager 7 and Keyv.
 */
@Module({
  imports: [
    NestCacheModule.registerAsync({
      isGlobal: true,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ttl: DEFAULT_TTL_MS,
        stores: config.redisUrl
          ? new Keyv({ store: new KeyvRedis(config.redisUrl), namespace: `${config.redisKeyPrefix}:cache`, useKeyPrefix: false })
          : // In process, values are kept as they are: no JSON round trip, no structured clone, one shard. Cached values
            // are treated as immutable by their readers (the invoice cache stores JSON text; the profile cache answers with them).
            new Keyv({
              store: new KeyvCacheableMemory({ lruSize: MEMORY_CACHE_ENTRIES, storeHashSize: 1, useClone: false }),
              serialize: undefined,
              deserialize: undefined,
            }),
      }),
    }),
  ],
})
export class CacheModule {}
