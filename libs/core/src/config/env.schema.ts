import { bool, bytes, durationSeconds, EnvParser, int, list, oneOf, str } from './env-parsers';
import { parseDatabaseUrl } from './database-url';
import { parseTrustProxy } from './trust-proxy';

export interface EnvVariable<T> {
  parse: EnvParser<T>;
  /** Raw default; `undefined` means the variable is optional and unset by default. */
  default?: string;
  /** One line for `.env.example` and the README configuration table. */
  doc: string;
  /** Never print the value (logs, error messages). */
  secret?: boolean;
}

type Defaulted<T> = EnvVariable<T> & { default: string };
type Optional<T> = EnvVariable<T> & { default?: undefined };

/** A variable with a default: always has a value after loading. */
function v<T>(spec: Defaulted<T>): Defaulted<T> {
  return spec;
}

/** A variable without a default: `undefined` when unset. */
function opt<T>(spec: Optional<T>): Optional<T> {
  return spec;
}

const redisUrl: EnvParser<string> = (raw) => {
  if (!/^rediss?:\/\/[^\s]+$/.test(raw.trim())) throw new Error(`expected redis://host:port[/db] or rediss://…, got "${raw}"`);
  return raw.trim();
};

/**
 * Every environment variable Nexus reads, in one table: the loader validates
 * them, and `.env.example` and the README are checked against it by tests.
 */
export const ENV = {
  NODE_ENV: v({ parse: oneOf('development', 'production', 'test'), default: 'development', doc: 'development, production or test' }),
  HOST: v({ parse: str, default: '0.0.0.0', doc: 'Interface the API listens on' }),
  PORT: v({ parse: int(0, 65535), default: '3000', doc: 'HTTP port of the API' }),
  LOG_LEVEL: v({
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
    default: 'info',
    doc: 'pino log level: fatal, error, warn, info, debug, trace or silent',
  }),
  DATABASE_URL: v({
    parse: parseDatabaseUrl,
    default: 'sqlite:./data/nexus.sqlite',
    doc: 'sqlite:<path>, mysql://, mariadb:// (use it for MariaDB servers) or postgres:// URL',
    secret: true,
  }),
  DATABASE_POOL_SIZE: v({ parse: int(1, 200), default: '10', doc: 'Connections per process (MySQL/PostgreSQL)' }),
  DATABASE_AUTO_MIGRATE: opt({
    parse: bool,
    doc: 'Run pending migrations at start; default true for SQLite, false otherwise (run `npm run migration:run` at deploy)',
  }),
  REDIS_URL: opt({
    parse: redisUrl,
    doc: 'redis://host:6379 — set it for services mode (Redis cache, rate limits, Bull queues); unset means embedded mode',
    secret: true,
  }),
  REDIS_KEY_PREFIX: v({
    parse: (raw) => {
      if (!/^[A-Za-z0-9_.-]{1,40}$/.test(raw)) throw new Error('expected 1-40 letters, digits, dots, dashes or underscores');
      return raw;
    },
    default: 'nexus',
    doc: 'Prefix of every Redis key, queue and channel, so several deployments can share one Redis',
  }),
  WORKER_IN_PROCESS: opt({
    parse: bool,
    doc: 'Run job processors inside the API process; default true in embedded mode (required there), false in services mode where apps/worker runs them',
  }),
  TRUST_PROXY: v({
    parse: parseTrustProxy,
    default: 'false',
    doc: 'false, a hop count, or comma-separated proxy IPs/CIDRs whose X-Forwarded-For / X-Request-Id are believed',
  }),
  CORS_ORIGINS: v({ parse: list(), default: '', doc: 'Comma-separated origins allowed by CORS (empty: CORS off)' }),
  BODY_LIMIT: v({ parse: bytes, default: '1mb', doc: 'Largest accepted request body; larger gets 413' }),
  SHUTDOWN_TIMEOUT: v({ parse: durationSeconds, default: '10s', doc: 'Hard limit for a graceful shutdown on SIGTERM' }),
  DOCS_ENABLED: v({ parse: bool, default: 'true', doc: 'Serve Swagger UI at /docs and OpenAPI JSON at /docs-json' }),
  JWT_ACCESS_SECRET: opt({
    parse: (raw) => {
      if (Buffer.byteLength(raw, 'utf8') < 32) throw new Error('expected a secret of at least 32 bytes');
      return raw;
    },
    doc: 'HS256 key for access tokens, ≥ 32 bytes; required in production and services mode (a random per-process key is used otherwise)',
    secret: true,
  }),
  JWT_ISSUER: v({ parse: str, default: 'nexus', doc: 'iss claim of access tokens' }),
  JWT_AUDIENCE: v({ parse: str, default: 'nexus-api', doc: 'aud claim of access tokens' }),
  JWT_ACCESS_TTL: v({ parse: durationSeconds, default: '15m', doc: 'Access token lifetime' }),
  JWT_REFRESH_TTL: v({ parse: durationSeconds, default: '30d', doc: 'Refresh token lifetime' }),
  AUTH_LOCKOUT_THRESHOLD: v({
    parse: int(1, 1000),
    default: '5',
    doc: 'Consecutive failed logins for one email from one IP before that pair is locked out',
  }),
  AUTH_LOCKOUT_DURATION: v({
    parse: durationSeconds,
    default: '15m',
    doc: 'How long an (email, IP) pair stays locked out (429 with Retry-After)',
  }),
  AUTH_IP_FAILURE_LIMIT: v({
    parse: int(1, 1_000_000),
    default: '100',
    doc: 'Failed logins from one IP within AUTH_IP_FAILURE_WINDOW before the IP may not log in',
  }),
  AUTH_IP_FAILURE_WINDOW: v({ parse: durationSeconds, default: '24h', doc: 'Window over which failed logins per IP are counted' }),
  AUTH_IP_BLOCK_DURATION: v({ parse: durationSeconds, default: '24h', doc: 'How long an IP over AUTH_IP_FAILURE_LIMIT is refused logins' }),
} as const;

export type EnvName = keyof typeof ENV;
export type ParsedEnv = {
  [K in EnvName]: (typeof ENV)[K] extends Defaulted<infer T> ? T : (typeof ENV)[K] extends EnvVariable<infer T> ? T | undefined : never;
};
