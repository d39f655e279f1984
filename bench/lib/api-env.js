const { randomBytes } = require('node:crypto');
const { join } = require('node:path');

const SERVICES_DEFAULTS = {
  databaseUrl: 'mysql://root@127.0.0.1:3306/test',
  redisUrl: 'redis://127.0.0.1:6379',
};

/**
 * The environment of the API under test. It inherits this process's
 * environment, so any API variable (DOCS_ENABLED, CORS_ORIGINS, …) can be set
 * for a run, and pins what the benchmark needs per mode:
 * - embedded: a fresh SQLite file in `tmpDir`, no Redis;
 * - services: BENCH_DATABASE_URL / BENCH_REDIS_URL, a random JWT secret shared
 *   by nothing else, and a unique Redis key prefix so runs never collide.
 */
function apiEnvironment({ mode, port, host, tmpDir }) {
  const env = { ...process.env, PORT: String(port), HOST: host, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  if (mode === 'embedded') {
    delete env.REDIS_URL;
    env.DATABASE_URL = `sqlite:${join(tmpDir, 'bench.sqlite')}`;
    return env;
  }
  if (mode === 'services') {
    env.DATABASE_URL = process.env.BENCH_DATABASE_URL || SERVICES_DEFAULTS.databaseUrl;
    env.REDIS_URL = process.env.BENCH_REDIS_URL || SERVICES_DEFAULTS.redisUrl;
    env.JWT_ACCESS_SECRET = randomBytes(36).toString('base64url'); // 48 characters
    env.REDIS_KEY_PREFIX = `bench-${process.pid}-${Date.now().toString(36)}`;
    // A bench database starts empty; scenarios beyond health need the schema.
    env.DATABASE_AUTO_MIGRATE = process.env.DATABASE_AUTO_MIGRATE ?? 'true';
    return env;
  }
  throw new Error(`BENCH_MODE: expected embedded or services, got "${mode}"`);
}

/** What the results file records about the API's setup; credentials never leave the process. */
function describeApiEnvironment(env) {
  return {
    database: env.DATABASE_URL.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
    redis: env.REDIS_URL ? env.REDIS_URL.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@') : null,
    redisKeyPrefix: env.REDIS_URL ? env.REDIS_KEY_PREFIX : null,
  };
}

module.exports = { apiEnvironment, describeApiEnvironment };
