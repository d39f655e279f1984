import { pathRoot } from '@nexus/ip-tracking';
import { SensitivePathMatcher } from './path-normalizer';

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

  it('every request a configured path matches has one of the roots (the SQL pre-filter lets it through)', () => {
    const tricky = new SensitivePathMatcher(['/admin%3Fx', '/a%23b', '/%2500', `/${'c'.repeat(80)}`, '/.git']);
    const requests = ['/admin%3Fx', '/admin%253Fx/y', '/a%23b', '/A%23B/c', '/%2500', `/${'C'.repeat(80)}/x`, '/.git/config', '//%2egit'];
    for (const raw of requests) {
      expect(tricky.match(raw)).not.toBeNull();
      expect(tricky.roots).toContain(pathRoot(raw));
    }
  });

  it("offers the paths' roots, as request logs store them, for the SQL pre-filter", () => {
    expect(matcher.roots).toEqual(['admin', 'login', '.env', 'wp-login.php', '.git']);
    expect(new SensitivePathMatcher(['/admin', '/Admin/Users', '/api/v1/admin']).roots).toEqual(['admin', 'api']);
  });
});
