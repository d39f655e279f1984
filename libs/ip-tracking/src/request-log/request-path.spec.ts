import { normalizePath, PATH_ROOT_LENGTH, pathRoot } from './request-path';

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

  it(`keeps at most ${PATH_ROOT_LENGTH} characters`, () => {
    expect(pathRoot(`/${'a'.repeat(200)}/x`)).toBe('a'.repeat(PATH_ROOT_LENGTH));
  });
});
