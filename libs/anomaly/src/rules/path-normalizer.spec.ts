import { normalizePath, SensitivePathMatcher } from './path-normalizer';

describe('normalizePath', () => {
  it.each([
    ['/admin', '/admin'],
    ['/ADMIN/', '/admin'],
    ['/%61dmin', '/admin'],
    ['/%41DMIN', '/admin'],
    ['/%2561dmin', '/admin'],
    ['//admin//', '/admin'],
    ['/x/../admin', '/admin'],
    ['/./admin/.', '/admin'],
    ['/%2e%2e/%2e%2e/admin', '/admin'],
    ['/..', '/'],
    ['\\admin\\users', '/admin/users'],
    ['/admin?token=1', '/admin'],
    ['/admin#top', '/admin'],
    ['/admin%3Fx', '/admin?x'],
    ['/bad%zzescape%', '/bad%zzescape%'],
    ['', '/'],
    ['/', '/'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizePath(raw)).toBe(expected);
  });
});

describe('SensitivePathMatcher', () => {
  const matcher = new SensitivePathMatcher(['/admin', '/Login/', '/.env', '/wp-login.php', '/.git', '/']);

  it('normalises the configured list and drops the root, which would match everything', () => {
    expect(matcher.paths).toEqual(['/admin', '/login', '/.env', '/wp-login.php', '/.git']);
  });

  it.each([
    ['/admin', '/admin'],
    ['/ADMIN/', '/admin'],
    ['/%61dmin', '/admin'],
    ['/admin/settings', '/admin'],
    ['/LOGIN', '/login'],
    ['/.env', '/.env'],
    ['/%2eenv', '/.env'],
    ['/.git/config', '/.git'],
    ['/WP-Login.php?redirect=1', '/wp-login.php'],
    ['/static/../admin', '/admin'],
  ])('%s matches %s', (raw, sensitive) => {
    expect(matcher.match(raw)).toBe(sensitive);
  });

  it.each(['/administrator', '/api/v1/auth/login', '/.envelope', '/adminx/', '/', '/health/live', '/static/admin.css'])(
    '%s does not match',
    (raw) => {
      expect(matcher.match(raw)).toBeNull();
    },
  );

  it('offers one SQL pre-filter word per path', () => {
    expect(matcher.sqlWords).toEqual(['admin', 'login', '.env', 'wp-login.php', '.git']);
  });
});
