import { DynamicModule, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, EnvName } from '@nexus/core';
import { randomBytes } from 'node:crypto';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { HttpClient } from './http';
import { createTestDatabase, TEST_URLS, TestDatabase, testTarget } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: HttpClient;
  url: string;
  close(): Promise<void>;
}

export type TestEnv = Partial<Record<EnvName, string>>;

/** Environment for the current target: Redis and a unique key prefix in services mode. */
export function targetEnv(database: TestDatabase, redisKeyPrefix = `t${randomBytes(5).toString('hex')}`): TestEnv {
  const services = testTarget() !== 'embedded';
  return {
    DATABASE_URL: database.url,
    DATABASE_AUTO_MIGRATE: 'true',
    JWT_ACCESS_SECRET: TEST_JWT_SECRET,
    // Suites log in many times from 127.0.0.1; the rate-limit suites set their own limits.
    RATE_LIMIT_DEFAULT: '100000/60s',
    RATE_LIMIT_AUTH_ANONYMOUS: '100000/60s',
    RATE_LIMIT_AUTH_USER: '100000/60s',
    ...(services ? { REDIS_URL: TEST_URLS.redis, REDIS_KEY_PREFIX: redisKeyPrefix, WORKER_IN_PROCESS: 'true' } : {}),
  };
}

/**
 * Boots the real API (production pipeline, migrations applied) on a random
 * port of 127.0.0.1. Pass `database` to share one database between instances.
 */
export async function startTestApp(
  options: { env?: TestEnv; database?: TestDatabase; modules?: (Type | DynamicModule)[] } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const ownsDatabase = options.database === undefined;
  const config = AppConfig.forTest({ ...targetEnv(database), ...options.env });
  const app = await createApiApp(config, options.modules);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    config,
    url,
    http: new HttpClient(url),
    close: async () => {
      await app.close();
      if (ownsDatabase) await database.drop();
    },
  };
}
