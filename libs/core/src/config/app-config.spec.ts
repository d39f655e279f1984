import { AppConfig, ConfigValidationError } from './app-config';
import { parseTrustProxy } from './trust-proxy';

function problemsOf(env: Record<string, string>): string[] {
  try {
    AppConfig.fromEnv(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('AppConfig', () => {
  it('starts in embedded mode with nothing configured', () => {
    const config = AppConfig.fromEnv({});
    expect(config.mode).toBe('embedded');
    expect(config.port).toBe(3000);
    expect(config.database).toMatchObject({ kind: 'sqlite', sqlitePath: './data/nexus.sqlite', autoMigrate: true });
    expect(config.workerInProcess).toBe(true);
    expect(config.redisUrl).toBeNull();
    expect(config.bodyLimitBytes).toBe(1024 * 1024);
    expect(config.jwt.ephemeralSecret).toBe(true);
    expect(config.jwt.accessTtlSeconds).toBe(15 * 60);
    expect(config.jwt.refreshTtlSeconds).toBe(30 * 86400);
  });

  it('switches to services mode when REDIS_URL is set', () => {
    const config = AppConfig.fromEnv({
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATABASE_URL: 'mariadb://nexus:secret@db:3306/nexus',
      JWT_ACCESS_SECRET: 'x'.repeat(32),
    });
    expect(config.mode).toBe('services');
    expect(config.workerInProcess).toBe(false);
    expect(config.database).toMatchObject({ kind: 'mysql', autoMigrate: false, redacted: 'mariadb://nexus:***@db:3306/nexus' });
  });

  it.each([
    ['DATABASE_URL', 'ftp://x', /DATABASE_URL: unsupported scheme "ftp:"/],
    ['DATABASE_URL', 'postgres://host', /DATABASE_URL: expected a database name/],
    ['PORT', 'abc', /PORT: expected an integer between 0 and 65535, got "abc"/],
    ['PORT', '70000', /PORT: expected an integer/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: expected one of fatal, error/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL: expected redis:\/\//],
    ['TRUST_PROXY', '10.0.0.0/33', /TRUST_PROXY: .*"10.0.0.0\/33" is not valid/],
    ['JWT_ACCESS_SECRET', 'short', /JWT_ACCESS_SECRET: expected a secret of at least 32 bytes/],
    ['BODY_LIMIT', 'lots', /BODY_LIMIT: expected a size/],
    ['JWT_ACCESS_TTL', '-5', /JWT_ACCESS_TTL: expected a duration/],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('reports every bad variable at once and never echoes a secret', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'y', JWT_ACCESS_SECRET: 'hunter2' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['JWT_ACCESS_SECRET', 'LOG_LEVEL', 'PORT']);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('requires a shared JWT secret in services mode and in production', () => {
    expect(problemsOf({ REDIS_URL: 'redis://r:6379' })[0]).toMatch(/^JWT_ACCESS_SECRET: required/);
    expect(problemsOf({ NODE_ENV: 'production' })[0]).toMatch(/^JWT_ACCESS_SECRET: required/);
  });

  it('refuses to run jobs out of process without Redis', () => {
    expect(problemsOf({ WORKER_IN_PROCESS: 'false' })[0]).toMatch(/^WORKER_IN_PROCESS: must be true/);
  });
});

describe('parseTrustProxy', () => {
  it.each([
    ['false', false],
    ['', false],
    ['true', true],
    ['2', 2],
    ['10.0.0.0/8, 192.168.1.1', ['10.0.0.0/8', '192.168.1.1']],
    ['loopback,fd00::/8', ['loopback', 'fd00::/8']],
  ])('parses %j', (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual(expected);
  });

  it.each(['10.0.0.300', 'proxy.example.com', '::1/129', '11'])('rejects %j', (raw) => {
    expect(() => parseTrustProxy(raw)).toThrow();
  });
});
