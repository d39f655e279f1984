import { cookieValue, expectProblem, findSetCookie, forgeToken, registerUser } from './support/auth-helpers';
import { operatorToken } from './support/ip-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

/** The page, a static asset, the JSON API, a write, an unmatched URL and an encoded path: the hook guards all of /ops/queues. */
const DASHBOARD_URLS: [method: string, path: string][] = [
  ['GET', '/ops/queues'],
  ['GET', '/ops/queues/static/favicon-32x32.png'],
  ['GET', '/ops/queues/api/queues'],
  ['PUT', '/ops/queues/api/queues/maintenance/pause'],
  ['GET', '/ops/queues/no/such/page'],
  ['GET', '/ops/%71ueues'],
];

/** Access to the queue dashboard on every target; what an operator then sees depends on the mode. */
describe(`queue dashboard access (${testTarget()})`, () => {
  let t: TestApp;
  let operator: string;

  beforeAll(async () => {
    t = await startTestApp();
    operator = await operatorToken(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(DASHBOARD_URLS)('answers %s %s with 401 problem+json without a token', async (method, path) => {
    const res = await t.http.request(method, path);
    expectProblem(res, 401, 'missing_token');
    expect(res.body).toMatchObject({ type: 'https://nexus.example/problems/unauthorized', instance: path });
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="nexus"');
  });

  it('answers 401 for an expired, forged or malformed token', async () => {
    const expired = forgeToken({ sub: 'someone', org: null, role: null, prole: 'operator' }, { expiresInSeconds: -60 });
    const forged = forgeToken(
      { sub: 'someone', org: null, role: null, prole: 'operator' },
      { secret: 'not-the-secret-not-the-secret-0123456789' },
    );
    for (const token of [expired, forged, 'not-a-jwt']) {
      expectProblem(await t.http.get('/ops/queues', { token }), 401, 'invalid_token');
      expectProblem(await t.http.get('/ops/queues', { headers: { cookie: `nexus_ops=${token}` } }), 401, 'invalid_token');
    }
  });

  it.each(DASHBOARD_URLS)('answers %s %s with 403 problem+json for an organization owner', async (method, path) => {
    const owner = await registerUser(t.http);
    const res = await t.http.request(method, path, { token: owner.accessToken });
    expectProblem(res, 403, 'platform_role_required');
    expect(res.body.type).toBe('https://nexus.example/problems/forbidden');
  });

  it('lets operators alone open a browser session, whose cookie opens the dashboard', async () => {
    const owner = await registerUser(t.http);
    expectProblem(await t.http.post('/api/v1/ops/session', undefined, { token: owner.accessToken }), 403, 'platform_role_required');
    expectProblem(await t.http.post('/api/v1/ops/session'), 401, 'missing_token');

    const opened = await t.http.post('/api/v1/ops/session', undefined, { token: operator });
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({ dashboardUrl: '/ops/queues', expiresAt: expect.any(String) });
    const cookie = findSetCookie(opened, 'nexus_ops');
    expect(cookieValue(cookie)).toBe(operator);

    const viaCookie = await t.http.get('/ops/queues', { headers: { cookie: `nexus_ops=${cookieValue(cookie)}` } });
    if (testTarget() === 'embedded') expectProblem(viaCookie, 404, 'no_redis_queues');
    else expect(viaCookie.status).toBe(200);
  });

  if (testTarget() === 'embedded') {
    it('tells an operator that embedded mode has no Redis queues, and how to get them', async () => {
      for (const path of ['/ops/queues', '/ops/queues/api/queues']) {
        const res = await t.http.get(path, { token: operator });
        expectProblem(res, 404, 'no_redis_queues');
        expect(res.body).toMatchObject({
          type: 'https://nexus.example/problems/no-redis-queues',
          title: 'No Redis queues in embedded mode',
        });
        expect(res.body.detail).toMatch(/embedded mode.*REDIS_URL.*worker/);
      }
    });
  } else {
    it('serves Bull Board to an operator in services mode', async () => {
      const res = await t.http.get('/ops/queues', { token: operator });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
    });
  }

  it('is served outside the API prefix only', async () => {
    const res = await t.http.get('/api/v1/ops/queues', { token: operator });
    expect(res.status).toBe(404);
  });
});
