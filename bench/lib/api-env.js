const { randomBytes } = require('node:crypto');

const SERVICES_DEFAULTS = {
  databaseUrl: 'mysql://root@127.0.0.1:3306/test',
  redisUrl: 'redis://127.0.0.1:6379',
};

/** Limits no load run can reach: rate limiting still runs on every request (a counter hit per request), it never trips. */
const UNREACHABLE_RATE = '1000000000/60s';

/**
 * Pinned for every API process of every scenario, whatever the caller's environment says: a 429
 * would measure the refusal path instead of the route. Rate limiting still runs on every request
 * (one counter hit each, in memory or in Redis); the limits are just never reached.
 *
 * IP_RULES_RELOAD_INTERVAL is deliberately left at the API's default (30 s): a reload of 100k
 * rules takes over a second of CPU here, so a 1 s interval keeps that API permanently busy.
 * Scenarios that need rules load them before their API starts (see api-processes.js).
 */
const BENCH_PINS = Object.freeze({
  RATE_LIMIT_DEFAULT: UNREACHABLE_RATE,
  RATE_LIMIT_AUTH_ANONYMOUS: UNREACHABLE_RATE,
  RATE_LIMIT_AUTH_USER: UNREACHABLE_RATE,
});

/** The server every services-mode bench database is created on (its path names a database to connect to for that). */
function servicesDatabaseServer() {
  return process.env.BENCH_DATABASE_URL || SERVICES_DEFAULTS.databaseUrl;
}

/**
 * The environment of one API process under test. It inherits this process's
 * environment, so any API variable (DOCS_ENABLED, CORS_ORIGINS, …) can be set
 * for a run, then applies BENCH_PINS, then what the mode needs:
 * - embedded: the given SQLite database, no Redis;
 * - services: the given database, BENCH_REDIS_URL, a random JWT secret shared
 *   by nothing else, and a unique Redis key prefix so processes never share keys.
 * `overrides` (a scenario's own API variables) come last; an `undefined` value unsets the variable.
 */
function apiEnvironment({ mode, port, host, databaseUrl, label = 'api', overrides = {} }) {
  const env = {
    ...process.env,
    ...BENCH_PINS,
    PORT: String(port),
    HOST: host,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    DATABASE_URL: databaseUrl,
  };
  if (mode === 'embedded') {
    delete env.REDIS_URL;
  } else if (mode === 'services') {
    env.REDIS_URL = process.env.BENCH_REDIS_URL || SERVICES_DEFAULTS.redisUrl;
    env.JWT_ACCESS_SECRET = randomBytes(36).toString('base64url'); // 48 characters
    env.REDIS_KEY_PREFIX = `bench-${process.pid}-${Date.now().toString(36)}-${label}`.slice(0, 40);
    // A bench database starts empty.
    env.DATABASE_AUTO_MIGRATE = process.env.DATABASE_AUTO_MIGRATE ?? 'true';
  } else {
    throw new Error(`BENCH_MODE: expected embedded or services, got "${mode}"`);
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** What the results file records about an API process's setup; credentials never leave the process. */
function describeApiEnvironment(env, overrides = {}) {
  return {
    database: env.DATABASE_URL.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
    redis: env.REDIS_URL ? env.REDIS_URL.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@') : null,
    redisKeyPrefix: env.REDIS_URL ? env.REDIS_KEY_PREFIX : null,
    pinned: BENCH_PINS,
    overrides,
  };
}

module.exports = { apiEnvironment, describeApiEnvironment, servicesDatabaseServer, BENCH_PINS };
