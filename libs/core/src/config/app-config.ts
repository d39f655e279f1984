import { randomBytes } from 'node:crypto';
import { DatabaseSettings } from './database-url';
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
