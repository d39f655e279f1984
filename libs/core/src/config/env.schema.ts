import {
  bool,
  bytes,
  decimal,
  durationMs,
  durationSeconds,
  EnvParser,
  int,
  list,
  oneOf,
  pathList,
  rate,
  redisUrl,
  str,
  webhookUrl,
} from './env-parsers';
import { parseDatabaseUrl } from './database-url';
import { parseCidrList } from './cidr';
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

/** The anomaly rules a ban may come from. */
const anomalyRules: EnvParser<string[]> = (raw) => {
  const known = ['volume', 'sensitive_path', 'probing', 'auth_failure', 'baseline'];
  const rules = list()(raw);
  const bad = rules.find((rule) => !known.includes(rule));
  if (bad !== undefined) throw new Error(`expected comma-separated rules among ${known.join(', ')}, got "${bad}"`);
  return rules;
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
  WORKER_METRICS_PORT: v({
    parse: int(0, 65535),
    default: '9464',
    doc: "Port of the worker's own GET /metrics (process and job metrics, METRICS_ALLOW addresses only); 0 turns it off",
  }),
  METRICS_ALLOW: v({
    parse: parseCidrList,
    default: '127.0.0.1,::1',
    doc: 'Client addresses/CIDRs allowed to scrape GET /metrics without a token (e.g. the Prometheus pod network); operators can always use their access token',
  }),
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
    doc: 'How long an (email, IP) pair stays locked out (429 with Retry-After), and the quiet spell after which its failures are forgotten',
  }),
  AUTH_IP_FAILURE_LIMIT: v({
    parse: int(1, 1_000_000),
    default: '100',
    doc: 'Failed logins from one IP within AUTH_IP_FAILURE_WINDOW before the IP may not log in',
  }),
  AUTH_IP_FAILURE_WINDOW: v({ parse: durationSeconds, default: '24h', doc: 'Window over which failed logins per IP are counted' }),
  AUTH_IP_BLOCK_DURATION: v({ parse: durationSeconds, default: '24h', doc: 'How long an IP over AUTH_IP_FAILURE_LIMIT is refused logins' }),
  LOG_ANONYMIZE_IP: v({ parse: bool, default: 'false', doc: 'Store request-log IPs truncated (IPv4 /24, IPv6 /48)' }),
  LOG_RETENTION_DAYS: v({ parse: int(1, 3650), default: '30', doc: 'Request-log rows older than this are deleted by a scheduled job' }),
  LOG_QUERY_STRING: v({
    parse: bool,
    default: 'false',
    doc: 'Keep the query string in logged paths (off: it may carry tokens or personal data)',
  }),
  REQUEST_LOG_BUFFER_SIZE: v({
    parse: int(100, 1_000_000),
    default: '20000',
    doc: 'Request-log rows held in memory at most; beyond it the oldest are dropped and counted',
  }),
  REQUEST_LOG_BATCH_SIZE: v({
    parse: int(1, 2000),
    default: '500',
    doc: "Rows per multi-row insert, up to 2000 (16 values a row stay under SQLite's 32,766 parameters); a full batch is written at once",
  }),
  REQUEST_LOG_FLUSH_INTERVAL: v({ parse: durationMs, default: '1000', doc: 'Milliseconds between request-log flushes' }),
  GEOIP_DB_PATH: v({
    parse: str,
    default: '',
    doc: 'A MaxMind-format City .mmdb (GeoIP2/GeoLite2 City) to use instead of the bundled DB-IP Lite database',
  }),
  GEOIP_CACHE_SIZE: v({ parse: int(0, 10_000_000), default: '50000', doc: 'Geolocation results kept in the LRU cache' }),
  GEOIP_CACHE_TTL: v({
    parse: durationSeconds,
    default: '24h',
    doc: 'How long a cached geolocation result is used before it is looked up again',
  }),
  IP_RULES_RELOAD_INTERVAL: v({
    parse: durationSeconds,
    default: '30s',
    doc: 'Periodic full reload of IP rules (changes also propagate at once through Redis pub/sub)',
  }),
  RATE_LIMIT_DEFAULT: v({
    parse: rate,
    default: '300/60s',
    doc: 'Requests per window per client on every route, as LIMIT/WINDOW (e.g. 300/60s)',
  }),
  RATE_LIMIT_AUTH_ANONYMOUS: v({
    parse: rate,
    default: '5/60s',
    doc: 'Login and register requests per window per IP for anonymous clients',
  }),
  RATE_LIMIT_AUTH_USER: v({
    parse: rate,
    default: '10/60s',
    doc: 'Login and register requests per window per user for clients with a valid access token',
  }),
  RATE_LIMIT_FAIL_OPEN: v({
    parse: bool,
    default: 'true',
    doc: 'When Redis is unreachable, let requests through (true) or answer 503 (false)',
  }),
  RATE_LIMIT_IPV6_PREFIX: v({ parse: int(32, 128), default: '64', doc: 'IPv6 clients are rate limited per network of this prefix length' }),
  INVOICE_NUMBER_PREFIX: v({
    parse: (raw) => {
      if (!/^[A-Z0-9]{1,10}$/.test(raw)) throw new Error('expected 1-10 upper-case letters or digits, such as INV');
      return raw;
    },
    default: 'INV',
    doc: 'Prefix of invoice numbers ({PREFIX}-{YYYY}-{NNNNNN}) of organizations that set none of their own (invoicePrefix)',
  }),
  INVOICE_CACHE_TTL: v({
    parse: durationSeconds,
    default: '60s',
    doc: 'Lifetime of cached invoice and customer reads (every write invalidates them at once)',
  }),
  IDEMPOTENCY_KEY_TTL: v({
    parse: (raw) => {
      const seconds = durationSeconds(raw);
      if (seconds < 86_400) throw new Error(`expected at least 24h (clients may retry for a day), got "${raw}"`);
      return seconds;
    },
    default: '24h',
    doc: 'How long an Idempotency-Key and its stored response are kept (at least 24h)',
  }),
  ANOMALY_VOLUME_THRESHOLD: v({
    parse: int(1, 100_000_000),
    default: '100',
    doc: 'Requests from one IP in an hour above which it is flagged (exactly this many is not); scaled to windows of other lengths',
  }),
  ANOMALY_SENSITIVE_PATHS: v({
    parse: pathList,
    default:
      '/admin,/login,/.env,/.git,/.aws,/wp-login.php,/wp-admin,/xmlrpc.php,/phpmyadmin,/backup,/config.php,/server-status,/actuator,/cgi-bin',
    doc: 'Comma-separated paths whose requests are flagged, matched (with anything under them) on the normalised path: case-insensitive, percent-decoded, trailing slash ignored',
  }),
  ANOMALY_PROBING_THRESHOLD: v({
    parse: int(1, 1_000_000),
    default: '10',
    doc: 'Distinct paths answered 403 or 404 to one IP within a window from which it is flagged for probing',
  }),
  ANOMALY_AUTH_FAILURE_THRESHOLD: v({
    parse: int(1, 1_000_000),
    default: '20',
    doc: 'Failed authentications from one IP within a window from which it is flagged (credential stuffing)',
  }),
  ANOMALY_BASELINE_K: v({
    parse: decimal(0, 100),
    default: '3',
    doc: 'Baseline rule: flag an IP whose hourly count exceeds its usual mean by more than this many deviations',
  }),
  ANOMALY_BASELINE_FLOOR: v({
    parse: int(0, 100_000_000),
    default: '50',
    doc: 'Baseline rule: hourly counts at or below this are never flagged, however unusual',
  }),
  ANOMALY_BASELINE_ALPHA: v({
    parse: decimal(0.01, 0.99),
    default: '0.1',
    doc: 'Baseline rule: weight of the newest hour in the exponentially weighted mean and deviation',
  }),
  ANOMALY_BASELINE_MIN_HOURS: v({
    parse: int(1, 8760),
    default: '24',
    doc: 'Baseline rule: hours of history an IP needs before it is judged against its baseline',
  }),
  ANOMALY_BAN_SEVERITY: v({
    parse: oneOf('low', 'medium', 'high', 'never'),
    default: 'high',
    doc: 'Lowest finding severity that bans the IP (low, medium, high, or never); lower severities are only flagged',
  }),
  ANOMALY_BAN_RULES: v({
    parse: anomalyRules,
    default: 'volume,sensitive_path,probing,auth_failure',
    doc: 'Rules whose findings may ban (volume, sensitive_path, probing, auth_failure, baseline); the others only flag',
  }),
  ANOMALY_DRY_RUN: v({ parse: bool, default: 'false', doc: 'Record what anomaly detection would decide, but ban nobody' }),
  ANOMALY_NEVER_BAN: v({
    parse: parseCidrList,
    default: '127.0.0.0/8,::1',
    doc: "Addresses/CIDRs never banned automatically, like fail2ban's ignoreip (add your proxies and monitoring); findings are still recorded",
  }),
  ANOMALY_BAN_BASE: v({
    parse: durationSeconds,
    default: '1h',
    doc: 'Length of a first automatic ban; the k-th ban of an IP within 30 days lasts this × 4^k',
  }),
  ANOMALY_BAN_MAX: v({ parse: durationSeconds, default: '30d', doc: 'Longest automatic ban' }),
  ALERT_WEBHOOK_URL: opt({
    parse: webhookUrl,
    doc: 'When set, new anomaly findings are POSTed here as JSON (one alert per IP and rule per hour, with retries)',
    // Webhook URLs often carry their credential in the path (Slack, Teams).
    secret: true,
  }),
} as const;

export type EnvName = keyof typeof ENV;
export type ParsedEnv = {
  [K in EnvName]: (typeof ENV)[K] extends Defaulted<infer T> ? T : (typeof ENV)[K] extends EnvVariable<infer T> ? T | undefined : never;
};
