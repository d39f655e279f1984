import { ALL_QUEUES, defineJob, JobQueue, QUEUES } from '@nexus/core';
import jwt from 'jsonwebtoken';
import { cookieValue, expectProblem, findSetCookie, registerUser } from './support/auth-helpers';
import { addRule, fromIp, logRows, operatorToken, uniqueAgent } from './support/ip-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

/** Never handled: enqueued delayed, it stays on the board for the whole suite. */
const PROBE = defineJob<{ note: string }>(QUEUES.maintenance, 'ops-dashboard-probe');

/** Bull Board on the real Redis queues, behind the operator check. */
describe(`queue dashboard (${testTarget()}, Redis)`, () => {
  let t: TestApp;
  let operator: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
    operator = await operatorToken(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses anonymous callers with 401 and organization users with 403, as problem+json', async () => {
    const owner = await registerUser(t.http);
    for (const path of ['/ops/queues', '/ops/queues/api/queues', '/ops/queues/static/favicon-32x32.png']) {
      expectProblem(await t.http.get(path), 401, 'missing_token');
      expectProblem(await t.http.get(path, { token: owner.accessToken }), 403, 'platform_role_required');
    }
  });

  it('serves the board page and its assets to an operator', async () => {
    const page = await t.http.get('/ops/queues', { token: operator });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<base href="/ops/queues/"');
    expect(page.text).toContain('Nexus queues');
    const asset = await t.http.get('/ops/queues/static/favicon-32x32.png', { token: operator });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('image/png');
  });

  it('lists every Bull queue and shows a job enqueued through the JobQueue abstraction', async () => {
    const id = await t.app.get(JobQueue).add(PROBE, { note: 'seen on the board' }, { delayMs: 10 * 60_000 });

    const list = await t.http.get(`/ops/queues/api/queues?activeQueue=${QUEUES.maintenance}&status=delayed`, { token: operator });
    expect(list.status).toBe(200);
    expect(list.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual([...ALL_QUEUES].sort());
    const maintenance = list.body.queues.find((queue: { name: string }) => queue.name === QUEUES.maintenance);
    expect(maintenance.counts.delayed).toBeGreaterThanOrEqual(1);
    expect(maintenance.jobs).toContainEqual(expect.objectContaining({ id, name: PROBE.name, data: { note: 'seen on the board' } }));

    const job = await t.http.get(`/ops/queues/api/queues/${QUEUES.maintenance}/${id}`, { token: operator });
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ status: 'delayed', job: { id, name: PROBE.name } });
  });

  it('opens the board in a browser through the session cookie, and closes it', async () => {
    const opened = await t.http.post('/api/v1/ops/session', undefined, { token: operator });
    expect(opened.status).toBe(200);
    const cookie = findSetCookie(opened, 'nexus_ops')!;
    const attributes = cookie.split(/;\s*/).slice(1);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/ops']));
    const { exp } = jwt.decode(operator) as { exp: number };
    const maxAge = Number(attributes.find((attribute) => attribute.startsWith('Max-Age='))?.slice('Max-Age='.length));
    expect(Math.abs(maxAge - (exp - Math.floor(Date.now() / 1000)))).toBeLessThanOrEqual(2);
    expect(opened.body.expiresAt).toBe(new Date(exp * 1000).toISOString());

    const asBrowser = { cookie: `nexus_ops=${cookieValue(cookie)}` };
    expect((await t.http.get('/ops/queues', { headers: asBrowser })).status).toBe(200);
    expect((await t.http.get('/ops/queues/api/queues', { headers: asBrowser })).status).toBe(200);

    const closed = await t.http.delete('/api/v1/ops/session');
    expect(closed.status).toBe(204);
    const cleared = findSetCookie(closed, 'nexus_ops')!;
    expect(cookieValue(cleared)).toBe('');
    expect(cleared.split(/;\s*/)).toEqual(expect.arrayContaining(['Max-Age=0', 'Path=/ops', 'HttpOnly', 'Secure', 'SameSite=Strict']));
  });

  it('accepts changes through the cookie only from the board page itself (Sec-Fetch-Site)', async () => {
    const opened = await t.http.post('/api/v1/ops/session', undefined, { token: operator });
    const cookie = `nexus_ops=${cookieValue(findSetCookie(opened, 'nexus_ops'))}`;
    const pause = `/ops/queues/api/queues/${QUEUES.alerts}/pause`;
    const resume = `/ops/queues/api/queues/${QUEUES.alerts}/resume`;

    expectProblem(await t.http.request('PUT', pause, { headers: { cookie } }), 403, 'csrf_failed');
    expectProblem(await t.http.request('PUT', pause, { headers: { cookie, 'sec-fetch-site': 'same-site' } }), 403, 'csrf_failed');
    const paused = await t.http.request('PUT', pause, { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect(paused.status).toBe(200);
    const alerts = async () =>
      (await t.http.get('/ops/queues/api/queues', { token: operator })).body.queues.find((q: { name: string }) => q.name === QUEUES.alerts);
    expect((await alerts()).isPaused).toBe(true);
    // A bearer token cannot be sent by another site's page, so it needs no such check.
    expect((await t.http.request('PUT', resume, { token: operator })).status).toBe(200);
    expect((await alerts()).isPaused).toBe(false);
  });

  it('refuses a blocked address with 403 ip-blocked before looking at the token', async () => {
    await addRule(t, 'block', '203.0.113.77');
    for (const options of [{}, { token: operator }]) {
      const res = await t.http.get('/ops/queues', fromIp('203.0.113.77', options));
      expectProblem(res, 403, 'ip_blocked');
      expect(res.body.type).toBe('https://nexus.example/problems/ip-blocked');
    }
  });

  it('shows up in the request log, with the operator and with failed authentications', async () => {
    const agent = uniqueAgent('ops-queues');
    expect((await t.http.get('/ops/queues', { token: operator, headers: { 'user-agent': agent } })).status).toBe(200);
    expect((await t.http.get('/ops/queues/api/queues', { headers: { 'user-agent': agent } })).status).toBe(401);

    const rows = await logRows(t, { userAgent: agent }, 2);
    const { sub } = jwt.decode(operator) as { sub: string };
    expect(rows.map(({ path, status, userId, authFailure }) => ({ path, status, userId, authFailure }))).toEqual([
      { path: '/ops/queues', status: 200, userId: sub, authFailure: null },
      { path: '/ops/queues/api/queues', status: 401, userId: null, authFailure: 'invalid_token' },
    ]);
  });
});
