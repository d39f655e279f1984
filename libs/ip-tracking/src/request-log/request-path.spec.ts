import { normalizePath, PATH_ROOT_LENGTH, pathRoot, rootOfNormalized } from './request-path';

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

describe('pathRoot', () => {
  it.each([
    ['/admin', 'admin'],
    ['/ADMIN/users?page=2', 'admin'],
    ['/Api/v1/invoices/42', 'api'],
    ['/wp-login.php?redirect=1', 'wp-login.php'],
    ['/.env', '.env'],
    ['/.git/config', '.git'],
    ['/%61dmin', 'admin'],
    ['/%2eenv', '.env'],
    ['//admin', 'admin'],
    ['/static/../admin/x', 'admin'],
    ['\\admin', 'admin'],
    ['/admin#top', 'admin'],
    ['/', ''],
    ['/?x=1', ''],
    ['', ''],
    ['/..', ''],
    ['/İstanbul', 'İstanbul'],
  ])('%s → %s', (raw, expected) => {
    expect(pathRoot(raw)).toBe(expected);
  });

  it('is the first segment of the normalised path, whichever way it is computed', () => {
    const samples = [
      '/A/b',
      '/a%2Fb/c',
      '/./x',
      '/x/./y',
      '/a?b/c',
      '/a#b/c',
      '/%252e%252e/admin',
      '/ABC%20def/x',
      'relative/path',
      '/a\\b',
    ];
    for (const raw of samples) expect(pathRoot(raw)).toBe(normalizePath(raw).split('/')[1]);
  });

  it('drops control characters, a decoded %00 among them (PostgreSQL refuses NUL in text)', () => {
    expect(pathRoot('/%00')).toBe('');
    expect(pathRoot('/%2500/x')).toBe('');
    expect(pathRoot('/ad%00min%0A/x')).toBe('admin');
    expect(pathRoot('/a\u0001b')).toBe('ab');
  });

  it('gives a configured (normalised) path the root of any request to it', () => {
    for (const raw of ['/admin%3Fx', '/a%23b', '/%25%32%35%32%35x', `/${'b'.repeat(100)}`, '/x%00y', '/ADMIN']) {
      expect(rootOfNormalized(normalizePath(raw))).toBe(pathRoot(raw));
    }
  });

  it(`keeps at most ${PATH_ROOT_LENGTH} characters`, () => {
    expect(pathRoot(`/${'a'.repeat(200)}/x`)).toBe('a'.repeat(PATH_ROOT_LENGTH));
  });
});
