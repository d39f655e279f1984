import { TransactionRunner } from '@nexus/core';
import { RequestLogBuffer } from '@nexus/ip-tracking';
import { randomBytes } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { expectProblem, OTHER_PASSWORD, RegisteredUser } from './support/auth-helpers';
import {
  addRule,
  flushLogs,
  fromIp,
  inParallel,
  logRows,
  operatorToken,
  registerFrom,
  RequestLogEntity,
  sleep,
  uniqueAgent,
} from './support/ip-helpers';
import { HousekeepingJobs } from '../libs/ip-tracking/src/request-log/housekeeping.jobs';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase, testTarget } from './support/test-database';

const withAgent = (agent: string) => ({ headers: { 'user-agent': agent } });

/** The start of the current second, and the start of the next one. */
const secondFloor = (ms = Date.now()) => new Date(Math.floor(ms / 1000) * 1000);
const nextSecond = (ms = Date.now()) => new Date(Math.floor(ms / 1000) * 1000 + 1000);

describe(`request logging (${testTarget()})`, () => {
  let database: TestDatabase;
  let t: TestApp;
  let logs: Repository<RequestLogEntity>;
  let owner: RegisteredUser;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp({
      database,
      env: { TRUST_PROXY: '127.0.0.1', REQUEST_LOG_BATCH_SIZE: '500', RATE_LIMIT_AUTH_ANONYMOUS: '3/60s' },
    });
    logs = t.app.get(DataSource).getRepository(RequestLogEntity);
    owner = await registerFrom(t.http, '192.0.2.100');
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  describe('writes', () => {
    it('N requests produce exactly N rows, in far fewer inserts than N', async () => {
      const N = 600;
      const agent = uniqueAgent('volume');
      await flushLogs(t);
      const before = t.app.get(RequestLogBuffer).snapshot();
      const statuses = await inParallel(N, 25, async () => (await t.http.get('/health/live', withAgent(agent))).status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(N);
      await logRows(t, { userAgent: agent }, N);
      expect(await logs.count({ where: { userAgent: agent } })).toBe(N);
      const after = t.app.get(RequestLogBuffer).snapshot();
      expect(after.rowsWritten - before.rowsWritten).toBeGreaterThanOrEqual(N);
      expect(after.inserts - before.inserts).toBeGreaterThan(0);
      expect(after.inserts - before.inserts).toBeLessThanOrEqual(N / 100);
      expect(after.dropped).toBe(0);
      expect(after.lastError).toBeNull();
    });

    it('records ip, method, path without query string, route template, status, latency, agent, user and organization, place', async () => {
      const agent = uniqueAgent('fields');
      const res = await t.http.get(
        '/api/v1/auth/me?utm_source=secret-token',
        fromIp('81.2.69.142', { token: owner.accessToken, ...withAgent(agent) }),
      );
      expect(res.status).toBe(200);
      const rows = await logRows(t, { userAgent: agent });
      expect(rows).toEqual([
        {
          id: expect.any(Number),
          occurredAt: expect.any(Date),
          ip: '81.2.69.142',
          method: 'GET',
          path: '/api/v1/auth/me',
          route: '/api/v1/auth/me',
          status: 200,
          latencyMs: expect.any(Number),
          userAgent: agent,
          userId: owner.userId,
          organizationId: owner.organizationId,
          country: 'GB',
          city: 'London',
          blocked: false,
          throttled: false,
          authFailure: null,
        },
      ]);
      expect(rows[0].latencyMs).toBeGreaterThanOrEqual(0);
      expect(Math.abs(rows[0].occurredAt.getTime() - Date.now())).toBeLessThan(60_000);
    });

    it('records the route template of a parameterised route, and none for an unknown path', async () => {
      const agent = uniqueAgent('routes');
      const id = '0b7c1e52-6a4e-4c1f-9f0e-3f1e2d3c4b5a';
      expect((await t.http.get(`/api/v1/invoices/${id}`, { token: owner.accessToken, ...withAgent(agent) })).status).toBe(404);
      expect((await t.http.get('/no/such/route?x=1', withAgent(agent))).status).toBe(404);
      const rows = await logRows(t, { userAgent: agent }, 2);
      expect(rows.map(({ path, route, status }) => ({ path, route, status }))).toEqual([
        { path: `/api/v1/invoices/${id}`, route: '/api/v1/invoices/:id', status: 404 },
        { path: '/no/such/route', route: null, status: 404 },
      ]);
    });

    it('stores the root of the normalised path for the anomaly analysis, and keeps it out of the admin API', async () => {
      const agent = uniqueAgent('roots');
      // A decoded %00 is dropped from the root: PostgreSQL refuses NUL in text, and one such row would stop every batch.
      for (const path of ['/%41DMIN/users?x=1', '/Api/v1/nothing', '//.git/../.env', '/', '/%00', '/%2500/x'])
        expect((await t.http.get(path, withAgent(agent))).status).toBe(404);
      await logRows(t, { userAgent: agent }, 6);
      const rows = await logs
        .createQueryBuilder('l')
        .select(['l.id', 'l.path', 'l.pathRoot'])
        .where('l.userAgent = :agent', { agent })
        .orderBy('l.id')
        .getMany();
      expect(rows.map(({ path, pathRoot }) => ({ path, pathRoot }))).toEqual([
        { path: '/%41DMIN/users', pathRoot: 'admin' },
        { path: '/Api/v1/nothing', pathRoot: 'api' },
        { path: '//.git/../.env', pathRoot: '.env' },
        { path: '/', pathRoot: '' },
        { path: '/%00', pathRoot: '' },
        { path: '/%2500/x', pathRoot: '' },
      ]);
      const listed = await t.http.get(`/api/v1/security/request-logs?limit=5`, { token: await operatorToken(t) });
      expect(listed.status).toBe(200);
      for (const row of listed.body.data) expect(row).not.toHaveProperty('pathRoot');
    });

    it('records refused requests: blocked, throttled, and failed logins with their reason', async () => {
      const agent = uniqueAgent('refused');
      await addRule(t, 'block', '192.0.2.99');
      expectProblem(await t.http.get('/health/live', fromIp('192.0.2.99', withAgent(agent))), 403, 'ip_blocked');
      const credentials = { email: owner.email, password: OTHER_PASSWORD };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await t.http.post('/api/v1/auth/login', credentials, fromIp('192.0.2.120', withAgent(agent)))).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect((await t.http.get('/api/v1/auth/me', fromIp('192.0.2.121', { token: 'not-a-jwt', ...withAgent(agent) }))).status).toBe(401);
      const rows = await logRows(t, { userAgent: agent }, 6);
      expect(
        rows.map(({ ip, path, status, blocked, throttled, authFailure }) => ({ ip, path, status, blocked, throttled, authFailure })),
      ).toEqual([
        { ip: '192.0.2.99', path: '/health/live', status: 403, blocked: true, throttled: false, authFailure: null },
        { ip: '192.0.2.120', path: '/api/v1/auth/login', status: 401, blocked: false, throttled: false, authFailure: 'wrong_password' },
        { ip: '192.0.2.120', path: '/api/v1/auth/login', status: 401, blocked: false, throttled: false, authFailure: 'wrong_password' },
        { ip: '192.0.2.120', path: '/api/v1/auth/login', status: 401, blocked: false, throttled: false, authFailure: 'wrong_password' },
        { ip: '192.0.2.120', path: '/api/v1/auth/login', status: 429, blocked: false, throttled: true, authFailure: null },
        { ip: '192.0.2.121', path: '/api/v1/auth/me', status: 401, blocked: false, throttled: false, authFailure: 'invalid_token' },
      ]);
      expect(rows.every((row) => row.userId === null && row.organizationId === null)).toBe(true);
    });
  });

  describe('geolocation (offline, bundled DB-IP Lite)', () => {
    it.each([
      ['81.2.69.142', 'GB', 'London'],
      ['8.8.8.8', 'US', 'Mountain View'],
      ['1.1.1.1', 'AU', 'Sydney'],
      ['10.1.2.3', null, null],
      ['192.168.0.10', null, null],
      ['172.16.5.4', null, null],
      ['198.51.100.33', null, null],
      ['fd00::1', null, null],
      ['2001:db8::1', null, null],
    ])('%s is logged with country %s and city %s, and the request succeeds', async (ip, country, city) => {
      const agent = uniqueAgent('geo');
      expect((await t.http.get('/health/live', fromIp(ip, withAgent(agent)))).status).toBe(200);
      const [row] = await logRows(t, { userAgent: agent });
      expect(row).toMatchObject({ ip, country, city });
    });
  });

  describe('with LOG_ANONYMIZE_IP=true', () => {
    let anonymous: TestApp;

    beforeAll(async () => {
      anonymous = await startTestApp({ database, env: { TRUST_PROXY: '127.0.0.1', LOG_ANONYMIZE_IP: 'true' } });
    });
    afterAll(async () => {
      await anonymous?.close();
    });

    it.each([
      ['81.2.69.142', '81.2.69.0', 'GB'],
      ['2001:db8:abcd:1234::5', '2001:db8:abcd::', null],
    ])('stores %s as %s (geolocated before truncation: %s)', async (ip, stored, country) => {
      const agent = uniqueAgent('anonymized');
      expect((await anonymous.http.get('/health/live', fromIp(ip, withAgent(agent)))).status).toBe(200);
      const [row] = await logRows(anonymous, { userAgent: agent });
      expect(row).toMatchObject({ ip: stored, country });
    });
  });

  describe('shutdown', () => {
    it('loses no buffered row when the app closes (what SIGTERM triggers)', async () => {
      const closing = await startTestApp({
        database,
        env: { TRUST_PROXY: '127.0.0.1', REQUEST_LOG_FLUSH_INTERVAL: '600000', REQUEST_LOG_BATCH_SIZE: '2000' },
      });
      const agent = uniqueAgent('shutdown');
      try {
        const statuses = await inParallel(40, 8, async () => (await closing.http.get('/health/live', withAgent(agent))).status);
        expect(statuses).toEqual(Array(40).fill(200));
        await new Promise((resolve) => setImmediate(resolve));
        expect(closing.app.get(RequestLogBuffer).snapshot().buffered).toBe(40);
        expect(await logs.count({ where: { userAgent: agent } })).toBe(0);
      } finally {
        await closing.app.close();
      }
      expect(await logs.count({ where: { userAgent: agent } })).toBe(40);
    });
  });

  it('a row the database refuses for its content is set aside; the rest of its batch is written', async () => {
    const buffer = t.app.get(RequestLogBuffer);
    await buffer.flush();
    const before = buffer.snapshot();
    const agent = uniqueAgent('refused-row');
    const good = (path: string) => ({
      occurredAt: new Date(),
      ip: '192.0.2.77',
      method: 'GET',
      path,
      route: null,
      status: 200,
      latencyMs: 1,
      userAgent: agent,
      userId: null,
      organizationId: null,
      blocked: false,
      throttled: false,
      authFailure: null,
    });
    buffer.add(good('/first'));
    // status is NOT NULL on every database: a constraint violation, not an outage.
    buffer.add({ ...good('/refused'), status: null as unknown as number });
    buffer.add(good('/last'));
    await buffer.flush();
    expect((await logs.find({ where: { userAgent: agent }, order: { id: 'ASC' } })).map((row) => row.path)).toEqual(['/first', '/last']);
    expect(buffer.snapshot()).toMatchObject({ buffered: 0, rejected: before.rejected + 1, lastError: null });
  });

  it("a batch written while another caller's transaction is open is not rolled back with it", async () => {
    const buffer = t.app.get(RequestLogBuffer);
    await buffer.flush();
    const agent = uniqueAgent('beside-rollback');
    expect((await t.http.get('/health/live', withAgent(agent))).status).toBe(200);
    let flushed: Promise<void> | undefined;
    await expect(
      t.app.get(TransactionRunner).run(async (manager) => {
        await manager.query('SELECT 1');
        // On SQLite every caller shares one connection: a write now would join this transaction.
        flushed = buffer.flush();
        await sleep(30);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    await flushed;
    expect((await logs.find({ where: { userAgent: agent } })).map((row) => row.path)).toEqual(['/health/live']);
  });

  if (testTarget() === 'embedded') {
    it('SQLite commits with synchronous = FULL, the request log alone with NORMAL, and FULL is back after each batch', async () => {
      const sql = t.app.get(DataSource);
      const synchronous = async () => Number((await sql.query('PRAGMA synchronous'))[0].synchronous);
      expect(await synchronous()).toBe(2);
      const buffer = t.app.get(RequestLogBuffer);
      const before = buffer.snapshot().inserts;
      expect((await t.http.get('/health/live', withAgent(uniqueAgent('synchronous')))).status).toBe(200);
      await buffer.flush();
      expect(buffer.snapshot().inserts).toBe(before + 1);
      expect(await synchronous()).toBe(2);
    });
  }

  describe('when the database rejects writes', () => {
    let broken: TestApp;

    beforeAll(async () => {
      // No timed flush: the test decides when writes are attempted.
      broken = await startTestApp({ env: { REQUEST_LOG_BUFFER_SIZE: '100', REQUEST_LOG_FLUSH_INTERVAL: '600000' } });
    });
    afterAll(async () => {
      await broken?.close();
    });

    it('still serves requests, keeps the newest rows up to the bound, counts the dropped ones in /health/ready, and recovers', async () => {
      const agent = uniqueAgent('db-down');
      const sql = broken.app.get(DataSource);
      // TypeORM prints every failed query (and its parameters) with console.log.
      const typeormLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      await sql.query('ALTER TABLE request_logs RENAME TO request_logs_away');
      try {
        const statuses = await inParallel(150, 10, async () => (await broken.http.get('/health/live', withAgent(agent))).status);
        expect(statuses).toEqual(Array(150).fill(200));
        await flushLogs(broken);
        expect(broken.app.get(RequestLogBuffer).snapshot()).toMatchObject({ buffered: 100, dropped: 50, lastError: expect.any(String) });
        const ready = await broken.http.get('/health/ready', withAgent(agent));
        expect(ready.status).toBe(200);
        expect(ready.body.details.requestLog).toMatchObject({ buffered: 100, dropped: 50 });
      } finally {
        await sql.query('ALTER TABLE request_logs_away RENAME TO request_logs');
        await flushLogs(broken);
        typeormLog.mockRestore();
      }
      const rows = await logRows(broken, { userAgent: agent }, 100);
      expect(rows).toHaveLength(100);
      // The oldest were dropped: the readiness probe, the newest, is among the kept rows.
      expect(rows.map((row) => row.path)).toContain('/health/ready');
      expect(broken.app.get(RequestLogBuffer).snapshot()).toMatchObject({ buffered: 0, dropped: 51, lastError: null });
    });
  });

  describe('retention', () => {
    it('the daily job deletes rows older than LOG_RETENTION_DAYS (30 by default) and keeps the rest', async () => {
      const agent = uniqueAgent('retention');
      const day = 86_400_000;
      const base = { ip: '192.0.2.250', method: 'GET', path: '/old', route: null, status: 200, latencyMs: 1, userAgent: agent };
      const extra = { userId: null, organizationId: null, country: null, city: null, blocked: false, throttled: false, authFailure: null };
      await logs.insert([
        { ...base, ...extra, occurredAt: new Date(Date.now() - 31 * day) },
        { ...base, ...extra, occurredAt: new Date(Date.now() - 29 * day) },
      ]);
      const { deleted } = await t.app.get(HousekeepingJobs).deleteOldRequestLogs();
      expect(deleted).toBe(1);
      const kept = await logs.find({ where: { userAgent: agent } });
      expect(kept.map((row) => Math.round((Date.now() - row.occurredAt.getTime()) / day))).toEqual([29]);
    });
  });

  describe('admin API', () => {
    let operator: string;
    let ownerToken: string;

    beforeAll(async () => {
      operator = await operatorToken(t);
      ownerToken = owner.accessToken;
    });

    const list = (query: string, token = operator) => t.http.get(`/api/v1/security/request-logs?${query}`, { token });
    const stats = (query: string, token = operator) => t.http.get(`/api/v1/security/stats?${query}`, { token });
    const iso = (date: Date) => encodeURIComponent(date.toISOString());

    it('is for operators only: no token is 401, an organization owner 403', async () => {
      const window = `from=${iso(new Date(0))}&to=${iso(new Date())}`;
      expectProblem(await t.http.get('/api/v1/security/request-logs'), 401, 'missing_token');
      expectProblem(await t.http.get(`/api/v1/security/stats?${window}`), 401, 'missing_token');
      expectProblem(await list('', ownerToken), 403, 'platform_role_required');
      expectProblem(await stats(window, ownerToken), 403, 'platform_role_required');
    });

    describe('GET /security/request-logs', () => {
      const path = `/probe-${randomBytes(4).toString('hex')}`;

      beforeAll(async () => {
        for (let i = 0; i < 3; i++) await t.http.get('/health/live', fromIp('198.51.100.200'));
        for (let i = 0; i < 2; i++) await t.http.get(path, fromIp('198.51.100.200'));
        await t.http.get(path, fromIp('8.8.4.4'));
        await logRows(t, { path }, 3);
        await logRows(t, { ip: '198.51.100.200' }, 5);
      });

      it('filters by ip', async () => {
        const res = await list('ip=198.51.100.200&limit=100');
        expect(res.status).toBe(200);
        expect(res.body.meta.total).toBe(5);
        expect(res.body.data.map((row: any) => row.ip)).toEqual(Array(5).fill('198.51.100.200'));
      });

      it('finds an address however it is written, IPv6 stored in canonical form, and refuses what is not one (400)', async () => {
        for (const spelling of ['%3A%3Affff%3A198.51.100.200', '%20198.51.100.200']) {
          expect((await list(`ip=${spelling}&limit=100`)).body.meta.total).toBe(5);
        }
        const agent = uniqueAgent('ipv6-spelling');
        expect((await t.http.get('/health/live', fromIp('2001:DB8:0:0::0:AB', withAgent(agent)))).status).toBe(200);
        const [row] = await logRows(t, { userAgent: agent });
        expect(row.ip).toBe('2001:db8::ab');
        for (const spelling of ['2001:DB8::AB', '2001:db8:0:0:0:0:0:ab']) {
          expect((await list(`ip=${encodeURIComponent(spelling)}&limit=100`)).body.data.map((r: any) => r.ip)).toEqual(['2001:db8::ab']);
        }
        const bad = await list('ip=198.51.100');
        expectProblem(bad, 400, 'validation_failed');
        expect(bad.body.errors).toEqual([{ field: 'ip', message: 'ip must be an IPv4 or IPv6 address' }]);
      });

      it('filters by path, status and ip together', async () => {
        expect((await list(`path=${path}`)).body.meta.total).toBe(3);
        expect((await list(`path=${path}&ip=198.51.100.200&status=404`)).body.meta.total).toBe(2);
        expect((await list('ip=198.51.100.200&status=200')).body.meta.total).toBe(3);
        expect((await list(`path=${path}&status=200`)).body.meta.total).toBe(0);
      });

      it('filters by country, and returns the documented row shape', async () => {
        const res = await list(`country=US&path=${path}`);
        expect(res.body.meta.total).toBe(1);
        expect(res.body.data[0]).toEqual({
          id: expect.any(Number),
          occurredAt: expect.any(String),
          ip: '8.8.4.4',
          method: 'GET',
          path,
          route: null,
          status: 404,
          latencyMs: expect.any(Number),
          userAgent: 'node',
          userId: null,
          organizationId: null,
          country: 'US',
          city: 'Mountain View',
          blocked: false,
          throttled: false,
          authFailure: null,
        });
        const gb = await list('country=GB&limit=100');
        expect(gb.body.meta.total).toBeGreaterThan(0);
        expect(gb.body.data.every((row: any) => row.country === 'GB')).toBe(true);
      });

      it('pages newest first without overlap', async () => {
        const pages = await Promise.all([1, 2, 3].map((page) => list(`ip=198.51.100.200&limit=2&page=${page}`)));
        expect(pages.map((res) => res.body.meta)).toEqual([1, 2, 3].map((page) => ({ page, limit: 2, total: 5, totalPages: 3 })));
        const rows = pages.flatMap((res) => res.body.data);
        expect(new Set(rows.map((row: any) => row.id)).size).toBe(5);
        const times = rows.map((row: any) => new Date(row.occurredAt).getTime());
        expect(times).toEqual([...times].sort((a, b) => b - a));
        expect(rows[0].id).toBeGreaterThan(rows[4].id);
      });

      it('filters by time range, [from, to)', async () => {
        // Start early in a second, so the request is logged within the same second as `from`.
        while (Date.now() % 1000 > 300) await sleep(10);
        const from = new Date();
        await t.http.get('/health/live', fromIp('198.51.100.201'));
        await logRows(t, { ip: '198.51.100.201' });
        const to = new Date(Date.now() + 1000);
        const count = async (query: string) => (await list(`ip=198.51.100.201&${query}`)).body.meta.total;
        expect({
          'from=before': await count(`from=${iso(from)}`),
          'from..to': await count(`from=${iso(from)}&to=${iso(to)}`),
          'to=from': await count(`to=${iso(from)}`),
          'from=to': await count(`from=${iso(to)}`),
        }).toEqual({ 'from=before': 1, 'from..to': 1, 'to=from': 0, 'from=to': 0 });
      });

      it('refuses bad filters with 400', async () => {
        expectProblem(await list('status=42'), 400, 'validation_failed');
        expectProblem(await list('from=yesterday'), 400, 'validation_failed');
        expectProblem(await list('country=GBR'), 400, 'validation_failed');
      });
    });

    describe('GET /security/stats', () => {
      it('counts top IPs, paths and countries and status classes within [from, to)', async () => {
        const path = `/stats-${randomBytes(4).toString('hex')}`;
        const from = secondFloor();
        for (let i = 0; i < 7; i++) await t.http.get(path, fromIp('198.51.100.202'));
        for (let i = 0; i < 2; i++) await t.http.get(path, fromIp('1.1.1.1'));
        await t.http.get('/health/live', fromIp('198.51.100.202'));
        // Close the window on a second boundary and let it pass, so no later row can fall inside it.
        const to = nextSecond();
        await sleep(to.getTime() - Date.now() + 50);
        await logRows(t, { ip: '198.51.100.202' }, 8);
        const window = `from=${iso(from)}&to=${iso(to)}`;
        const res = await stats(window);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          from: from.toISOString(),
          to: to.toISOString(),
          topIps: expect.arrayContaining([{ key: '198.51.100.202', count: 8 }]),
          topPaths: expect.arrayContaining([{ key: path, count: 9 }]),
          topCountries: expect.arrayContaining([{ key: 'AU', count: expect.any(Number) }]),
          statusClasses: { '1xx': 0, '2xx': expect.any(Number), '3xx': 0, '4xx': expect.any(Number), '5xx': 0 },
        });
        const countOf = (entries: { key: string; count: number }[], key: string) => entries.find((entry) => entry.key === key)!.count;
        expect(countOf(res.body.topCountries, 'AU')).toBeGreaterThanOrEqual(2);
        expect(res.body.statusClasses['2xx']).toBeGreaterThanOrEqual(1);
        expect(res.body.statusClasses['4xx']).toBeGreaterThanOrEqual(9);
        for (const key of ['topIps', 'topPaths', 'topCountries']) {
          const counts = res.body[key].map((entry: any) => entry.count);
          expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
          expect(counts.length).toBeLessThanOrEqual(10);
        }
        // The classes add up to every row in the window.
        const total = (await list(`${window}&limit=1`)).body.meta.total;
        const classes = Object.values(res.body.statusClasses as Record<string, number>).reduce((sum, n) => sum + n, 0);
        expect(classes).toBe(total);
      });

      it('answers an empty window with zeros', async () => {
        const res = await stats(`from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          topIps: [],
          topPaths: [],
          topCountries: [],
          statusClasses: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
        });
      });

      it.each([
        ['to before from', 'from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z'],
        ['to equal to from', 'from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z'],
      ])('refuses %s with 400 naming to', async (_case, query) => {
        const res = await stats(query);
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
      });

      it('needs both from and to', async () => {
        expectProblem(await stats('from=2026-01-01T00:00:00Z'), 400, 'validation_failed');
        expectProblem(await stats(''), 400, 'validation_failed');
      });
    });
  });
});
