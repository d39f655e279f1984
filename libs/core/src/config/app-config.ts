import { randomBytes } from 'node:crypto';
import { DatabaseSettings } from './database-url';
import { RateLimit } from './env-parsers';
import { ENV, EnvName, EnvVariable, ParsedEnv } from './env.schema';
import { TrustProxySetting } from './trust-proxy';

export type RuntimeMode = 'embedded' | 'services';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

export type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * The validated, typed configuration. It is the only thing in Nexus built from
 * the environment; everything else injects it.
 */
export class AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly database: DatabaseSettings & { poolSize: number; autoMigrate: boolean };
  readonly redisUrl: string | null;
  readonly redisKeyPrefix: string;
  readonly mode: RuntimeMode;
  readonly workerInProcess: boolean;
  readonly trustProxy: TrustProxySetting;
  readonly corsOrigins: string[];
  readonly bodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
  readonly docsEnabled: boolean;
  readonly jwt: {
    accessSecret: string;
    /** True when no secret was configured and a random per-process one is used. */
    ephemeralSecret: boolean;
    issuer: string;
    audience: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
  };
  readonly bruteForce: {
    lockoutThreshold: number;
    lockoutSeconds: number;
    ipFailureLimit: number;
    ipFailureWindowSeconds: number;
    ipBlockSeconds: number;
  };
  readonly requestLog: {
    anonymizeIp: boolean;
    retentionDays: number;
    keepQueryString: boolean;
    bufferSize: number;
    batchSize: number;
    flushIntervalMs: number;
  };
  readonly geoIp: { dbPath: string | null; cacheSize: number; cacheTtlMs: number };
  /** Who may read GET /metrics without an operator token. */
  readonly metrics: { allow: string[]; workerPort: number };
  readonly ipRules: { reloadIntervalSeconds: number };
  readonly rateLimit: {
    default: RateLimit;
    authAnonymous: RateLimit;
    authUser: RateLimit;
    failOpen: boolean;
    ipv6Prefix: number;
  };
  readonly invoices: {
    numberPrefix: string;
    cacheTtlSeconds: number;
    idempotencyKeyTtlSeconds: number;
  };
  readonly anomaly: {
    /** Requests per hour; more is flagged. */
    volumeThreshold: number;
    /** As configured; the anomaly module normalises them. */
    sensitivePaths: string[];
    probingThreshold: number;
    authFailureThreshold: number;
    baseline: { k: number; floor: number; alpha: number; minHours: number };
    banSeverity: 'low' | 'medium' | 'high' | 'never';
    banRules: string[];
    dryRun: boolean;
    /** Never banned automatically (loopback by default): findings are recorded as safelisted. */
    neverBan: string[];
    banBaseSeconds: number;
    banMaxSeconds: number;
    alertWebhookUrl: string | null;
  };

  private constructor(env: ParsedEnv) {
    this.nodeEnv = env.NODE_ENV;
    this.host = env.HOST;
    this.port = env.PORT;
    this.logLevel = env.LOG_LEVEL;
    this.redisUrl = env.REDIS_URL ?? null;
    this.redisKeyPrefix = env.REDIS_KEY_PREFIX;
    this.mode = this.redisUrl ? 'services' : 'embedded';
    this.database = {
      ...env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      autoMigrate: env.DATABASE_AUTO_MIGRATE ?? env.DATABASE_URL.kind === 'sqlite',
    };
    this.workerInProcess = env.WORKER_IN_PROCESS ?? this.mode === 'embedded';
    this.trustProxy = env.TRUST_PROXY;
    this.corsOrigins = env.CORS_ORIGINS;
    this.bodyLimitBytes = env.BODY_LIMIT;
    this.shutdownTimeoutMs = env.SHUTDOWN_TIMEOUT * 1000;
    this.docsEnabled = env.DOCS_ENABLED;
    this.jwt = {
      accessSecret: env.JWT_ACCESS_SECRET ?? randomBytes(48).toString('base64url'),
      ephemeralSecret: env.JWT_ACCESS_SECRET === undefined,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTtlSeconds: env.JWT_ACCESS_TTL,
      refreshTtlSeconds: env.JWT_REFRESH_TTL,
    };
    this.bruteForce = {
      lockoutThreshold: env.AUTH_LOCKOUT_THRESHOLD,
      lockoutSeconds: env.AUTH_LOCKOUT_DURATION,
      ipFailureLimit: env.AUTH_IP_FAILURE_LIMIT,
      ipFailureWindowSeconds: env.AUTH_IP_FAILURE_WINDOW,
      ipBlockSeconds: env.AUTH_IP_BLOCK_DURATION,
    };
    this.requestLog = {
      anonymizeIp: env.LOG_ANONYMIZE_IP,
      retentionDays: env.LOG_RETENTION_DAYS,
      keepQueryString: env.LOG_QUERY_STRING,
      bufferSize: env.REQUEST_LOG_BUFFER_SIZE,
      batchSize: env.REQUEST_LOG_BATCH_SIZE,
      flushIntervalMs: env.REQUEST_LOG_FLUSH_INTERVAL,
    };
    this.geoIp = { dbPath: env.GEOIP_DB_PATH || null, cacheSize: env.GEOIP_CACHE_SIZE, cacheTtlMs: env.GEOIP_CACHE_TTL * 1000 };
    this.metrics = { allow: env.METRICS_ALLOW, workerPort: env.WORKER_METRICS_PORT };
    this.ipRules = { reloadIntervalSeconds: env.IP_RULES_RELOAD_INTERVAL };
    this.rateLimit = {
      default: env.RATE_LIMIT_DEFAULT,
      authAnonymous: env.RATE_LIMIT_AUTH_ANONYMOUS,
      authUser: env.RATE_LIMIT_AUTH_USER,
      failOpen: env.RATE_LIMIT_FAIL_OPEN,
      ipv6Prefix: env.RATE_LIMIT_IPV6_PREFIX,
    };
    this.invoices = {
      numberPrefix: env.INVOICE_NUMBER_PREFIX,
      cacheTtlSeconds: env.INVOICE_CACHE_TTL,
      idempotencyKeyTtlSeconds: env.IDEMPOTENCY_KEY_TTL,
    };
    this.anomaly = {
      volumeThreshold: env.ANOMALY_VOLUME_THRESHOLD,
      sensitivePaths: env.ANOMALY_SENSITIVE_PATHS,
      probingThreshold: env.ANOMALY_PROBING_THRESHOLD,
      authFailureThreshold: env.ANOMALY_AUTH_FAILURE_THRESHOLD,
      baseline: {
        k: env.ANOMALY_BASELINE_K,
        floor: env.ANOMALY_BASELINE_FLOOR,
        alpha: env.ANOMALY_BASELINE_ALPHA,
        minHours: env.ANOMALY_BASELINE_MIN_HOURS,
      },
      banSeverity: env.ANOMALY_BAN_SEVERITY,
      banRules: env.ANOMALY_BAN_RULES,
      dryRun: env.ANOMALY_DRY_RUN,
      neverBan: env.ANOMALY_NEVER_BAN,
      banBaseSeconds: env.ANOMALY_BAN_BASE,
      banMaxSeconds: env.ANOMALY_BAN_MAX,
      alertWebhookUrl: env.ALERT_WEBHOOK_URL ?? null,
    };
  }

  /**
   * Validates every variable and reports all problems at once, each naming the
   * variable and what it expects.
   */
  static fromEnv(source: EnvSource): AppConfig {
    const problems: string[] = [];
    const parsed: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(ENV) as [EnvName, EnvVariable<unknown>][]) {
      const raw = source[name];
      const value = raw === undefined || raw === '' ? spec.default : raw;
      if (value === undefined) continue;
      try {
        parsed[name] = spec.parse(value);
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`);
      }
    }
    const env = parsed as ParsedEnv;
    if (problems.length === 0) {
      const needsSecret = env.NODE_ENV === 'production' || env.REDIS_URL !== undefined;
      if (needsSecret && env.JWT_ACCESS_SECRET === undefined) {
        problems.push(
          'JWT_ACCESS_SECRET: required in production and in services mode (every replica must share it); expected a secret of at least 32 bytes',
        );
      }
      if (env.REDIS_URL === undefined && env.WORKER_IN_PROCESS === false) {
        problems.push(
          'WORKER_IN_PROCESS: must be true (or unset) in embedded mode: without REDIS_URL there is no queue for a separate worker to read',
        );
      }
    }
    if (problems.length > 0) throw new ConfigValidationError(problems);
    return new AppConfig(env);
  }

  /** For tests: build from explicit values only (the process environment is ignored). */
  static forTest(overrides: Partial<Record<EnvName, string>> = {}): AppConfig {
    return AppConfig.fromEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }
}
