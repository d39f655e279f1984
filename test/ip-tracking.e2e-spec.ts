import { IpRuleEntity, IpRulesService } from '@nexus/ip-tracking';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { expectProblem, registerUser } from './support/auth-helpers';
import { HttpResponse } from './support/http';
import { addRule, fromIp, logRows, operatorToken, sleep, uniqueAgent } from './support/ip-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

/** 403 problem+json from the edge, before routing. */
function expectBlocked(res: HttpResponse): void {
  expectProblem(res, 403, 'ip_blocked');
  expect(res.body.type).toMatch(/\/ip-blocked$/);
}

describe(`IP tracking: client IP and IP rules (${testTarget()})`, () => {
  describe('behind no trusted proxy (TRUST_PROXY unset)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { RATE_LIMIT_DEFAULT: '3/60s' } });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('X-Forwarded-For changes neither the address a client is blocked by nor the one it is limited by', async () => {
      await addRule(t, 'block', '203.0.113.7');
      const agent = uniqueAgent('untrusted');
      const statuses: number[] = [];
      // The first names a blocked address, each names a different one: all count as 127.0.0.1.
      for (const ip of ['203.0.113.7', '198.51.100.1', '198.51.100.2', '198.51.100.3']) {
        statuses.push((await t.http.get('/health/live', fromIp(ip, { headers: { 'user-agent': agent } }))).status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      const rows = await logRows(t, { userAgent: agent }, 4);
      expect(rows.map((row) => row.ip)).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1']);
    });

    it('a block on the peer address applies whatever X-Forwarded-For says', async () => {
      await addRule(t, 'block', '127.0.0.1');
      expectBlocked(await t.http.get('/health/live', fromIp('8.8.8.8')));
    });
  });

  describe('behind one trusted proxy (TRUST_PROXY=127.0.0.1)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1', RATE_LIMIT_DEFAULT: '2/60s' } });
    });
    afterAll(async () => {
      await t?.close();
    });

    const live = (ip: string) => t.http.get('/health/live', fromIp(ip));
    const statuses = async (...ips: string[]) => {
      const result: Record<string, number> = {};
      for (const ip of ips) result[ip] = (await live(ip)).status;
      return result;
    };

    it('the forwarded address is the client: a blocked one gets 403 ip-blocked, its neighbour does not', async () => {
      await addRule(t, 'block', '203.0.113.7');
      const blocked = await live('203.0.113.7');
      expectBlocked(blocked);
      expect(blocked.body).toMatchObject({ status: 403, instance: '/health/live' });
      expect((await live('203.0.113.8')).status).toBe(200);
    });

    it('rate limits count per forwarded client', async () => {
      expect([(await live('198.51.100.21')).status, (await live('198.51.100.21')).status, (await live('198.51.100.21')).status]).toEqual([
        200, 200, 429,
      ]);
      expect((await live('198.51.100.22')).status).toBe(200);
    });

    it('an IPv4 CIDR blocks exactly its range', async () => {
      expect((await live('203.0.113.9')).status).toBe(200);
      await addRule(t, 'block', '203.0.113.0/24');
      expect(await statuses('203.0.113.0', '203.0.113.9', '203.0.113.255', '203.0.112.255', '203.0.114.1')).toEqual({
        '203.0.113.0': 403,
        '203.0.113.9': 403,
        '203.0.113.255': 403,
        '203.0.112.255': 200,
        '203.0.114.1': 200,
      });
    });

    it('an IPv6 /48 blocks exactly its range', async () => {
      expect((await live('2001:db8:abcd::5')).status).toBe(200);
      await addRule(t, 'block', '2001:db8:abcd::/48');
      expect(
        await statuses(
          '2001:db8:abcd::5',
          '2001:db8:abcd:ffff:ffff:ffff:ffff:ffff',
          '2001:db8:abce::1',
          '2001:db8:abcc:ffff:ffff:ffff:ffff:ffff',
        ),
      ).toEqual({
        '2001:db8:abcd::5': 403,
        '2001:db8:abcd:ffff:ffff:ffff:ffff:ffff': 403,
        '2001:db8:abce::1': 200,
        '2001:db8:abcc:ffff:ffff:ffff:ffff:ffff': 200,
      });
    });

    it('an IPv4-mapped IPv6 address matches its IPv4 rule, and is logged as IPv4', async () => {
      await addRule(t, 'block', '198.51.100.7');
      const agent = uniqueAgent('mapped');
      expectBlocked(await t.http.get('/health/live', fromIp('::ffff:198.51.100.7', { headers: { 'user-agent': agent } })));
      const [row] = await logRows(t, { userAgent: agent });
      expect(row).toMatchObject({ ip: '198.51.100.7', status: 403, blocked: true });
    });

    it('a rule written on the mapped form blocks the plain IPv4 address', async () => {
      await addRule(t, 'block', '::ffff:198.51.100.8');
      expectBlocked(await live('198.51.100.8'));
    });

    it('creates thousands of rules at once (a ban wave) in chunks, in order, enforced together', async () => {
      const rules = t.app.get(IpRulesService);
      const targets = Array.from({ length: 1200 }, (_, i) => `172.20.${Math.floor(i / 250)}.${i % 250}`);
      const since = new Date(Date.now() - 60_000);
      const created = await rules.createMany(
        targets.map((target) => ({ kind: 'block' as const, target, reason: 'wave', source: 'auto' as const, createdBy: 'test' })),
      );
      expect(created.map((rule) => rule.target)).toEqual(targets);
      expect(new Set(created.map((rule) => rule.id)).size).toBe(targets.length);
      const counts = await rules.countCreatedSince('block', 'auto', targets, since);
      expect(counts.size).toBe(targets.length);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
      expectBlocked(await live('172.20.0.0'));
      expectBlocked(await live('172.20.4.199'));
      expect((await live('172.20.4.200')).status).toBe(200);
    });

    it('a ban expires on time without anyone acting', async () => {
      // Early in a second, so a store that keeps whole seconds still holds the ban for half of it (see the expiresAt test).
      while (Date.now() % 1000 > 400) await sleep(10);
      const created = Date.now();
      await addRule(t, 'block', '192.0.2.50', { durationSeconds: 1 });
      expectBlocked(await live('192.0.2.50'));
      await sleep(Math.max(0, created + 1200 - Date.now()));
      expect((await live('192.0.2.50')).status).toBe(200);
    });

    it('a safelisted address is never blocked, even inside a blocked range', async () => {
      await addRule(t, 'block', '10.0.0.0/8');
      await addRule(t, 'allow', '10.9.8.7');
      expect(await statuses('10.9.8.7', '10.9.8.8')).toEqual({ '10.9.8.7': 200, '10.9.8.8': 403 });
    });

    it('a safelisted address is never blocked by a country rule', async () => {
      const country = await addRule(t, 'block', 'GB');
      try {
        await addRule(t, 'allow', '81.2.69.142');
        // Both are in London according to the bundled database.
        expect(await statuses('81.2.69.142', '81.2.69.160')).toEqual({ '81.2.69.142': 200, '81.2.69.160': 403 });
      } finally {
        await t.app.get(IpRulesService).remove(country.id);
      }
      expect((await live('81.2.69.160')).status).toBe(200);
    });

    it('a blocked client never gets its body parsed: malformed JSON is a 403, not a 400', async () => {
      await addRule(t, 'block', '192.0.2.66');
      const malformed = { rawBody: '{"email": "a@example.com", "password": ', headers: { 'content-type': 'application/json' } };
      expectBlocked(await t.http.post('/api/v1/auth/login', undefined, fromIp('192.0.2.66', malformed)));
      // Control: the same body from an address that is not blocked is parsed and refused.
      expectProblem(await t.http.post('/api/v1/auth/login', undefined, fromIp('192.0.2.67', malformed)), 400);
    });

    it('a safelisted client is never throttled', async () => {
      await addRule(t, 'allow', '192.0.2.80');
      const safe: number[] = [];
      for (let i = 0; i < 6; i++) safe.push((await live('192.0.2.80')).status);
      expect(safe).toEqual([200, 200, 200, 200, 200, 200]);
      const other: number[] = [];
      for (let i = 0; i < 3; i++) other.push((await live('192.0.2.81')).status);
      expect(other).toEqual([200, 200, 429]);
    });
  });

  describe('admin API /api/v1/security/ip-rules', () => {
    let t: TestApp;
    let operator: string;
    let operatorId: string;
    let ownerToken: string;

    beforeAll(async () => {
      t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
      operator = await operatorToken(t);
      operatorId = (await t.http.get('/api/v1/auth/me', { token: operator })).body.user.id;
      ownerToken = (await registerUser(t.http)).accessToken;
    });
    afterAll(async () => {
      await t?.close();
    });

    const rules = (query = '', token = operator) => t.http.get(`/api/v1/security/ip-rules${query}`, { token });
    const create = (body: object, token = operator) => t.http.post('/api/v1/security/ip-rules', body, { token });

    it('is for operators only: no token is 401, an organization owner 403', async () => {
      const id = randomUUID();
      expectProblem(await t.http.get('/api/v1/security/ip-rules'), 401, 'missing_token');
      expectProblem(await rules('', ownerToken), 403, 'platform_role_required');
      expectProblem(await create({ kind: 'block', target: '192.0.2.1', reason: 'x' }, ownerToken), 403, 'platform_role_required');
      expectProblem(await t.http.delete(`/api/v1/security/ip-rules/${id}`, { token: ownerToken }), 403, 'platform_role_required');
      expect((await rules('?target=192.0.2.1')).body.meta.total).toBe(0);
    });

    it('creates a rule in canonical form, enforced at once', async () => {
      expect((await t.http.get('/health/live', fromIp('203.0.113.200'))).status).toBe(200);
      const res = await create({ kind: 'block', target: '203.0.113.77/24', reason: 'Credential stuffing' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        kind: 'block',
        targetType: 'cidr',
        target: '203.0.113.0/24',
        reason: 'Credential stuffing',
        source: 'manual',
        createdBy: operatorId,
        expiresAt: null,
        active: true,
        createdAt: expect.any(String),
      });
      expectBlocked(await t.http.get('/health/live', fromIp('203.0.113.200')));
    });

    it.each([
      ['2001:DB8:ABCD:0:0:0:0:1/48', 'cidr', '2001:db8:abcd::/48'],
      ['::ffff:198.51.100.9', 'ip', '198.51.100.9'],
      ['198.51.100.10/32', 'ip', '198.51.100.10'],
      ['  2001:db8::0:1 ', 'ip', '2001:db8::1'],
      ['fr', 'country', 'FR'],
    ])('stores %j as %s %s', async (target, targetType, canonical) => {
      const res = await create({ kind: 'allow', target, reason: 'canonical form' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ targetType, target: canonical });
    });

    it('sets expiresAt durationSeconds from now, never earlier (a ban lasts at least as long as asked)', async () => {
      const before = Date.now();
      const res = await create({ kind: 'block', target: '192.0.2.200', reason: 'for an hour', durationSeconds: 3600 });
      expect(res.status).toBe(201);
      const expiresAt = new Date(res.body.expiresAt).getTime();
      expect(expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
      expect(res.body.active).toBe(true);
      const listed = await rules('?target=192.0.2.200');
      expect(listed.body.data.map((rule: any) => rule.expiresAt)).toEqual([res.body.expiresAt]);
    });

    it.each([
      [{ kind: 'block', target: '999.1.1.1', reason: 'x' }, 'target'],
      [{ kind: 'block', target: '10.0.0.0/33', reason: 'x' }, 'target'],
      [{ kind: 'block', target: 'not-an-address', reason: 'x' }, 'target'],
      [{ kind: 'block', target: 'GBR', reason: 'x' }, 'target'],
      [{ kind: 'deny', target: '192.0.2.1', reason: 'x' }, 'kind'],
      [{ kind: 'block', target: '192.0.2.1', reason: 'x', durationSeconds: 0 }, 'durationSeconds'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const res = await create(body);
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    });

    describe('list', () => {
      let all: any[];

      beforeAll(async () => {
        await create({ kind: 'allow', target: '192.0.2.210', reason: 'partner' });
        await t.app
          .get(IpRulesService)
          .create({ kind: 'block', target: '192.0.2.211', reason: 'anomaly', source: 'auto', createdBy: 'anomaly' });
        // An expired rule, as the anomaly module would leave behind.
        await t.app
          .get(DataSource)
          .getRepository(IpRuleEntity)
          .save(
            Object.assign(new IpRuleEntity(), {
              kind: 'block',
              targetType: 'ip',
              target: '192.0.2.212',
              reason: 'expired',
              source: 'auto',
              createdBy: 'anomaly',
              expiresAt: new Date(Date.now() - 60_000),
            }),
          );
        const res = await rules('?limit=100');
        expect(res.status).toBe(200);
        all = res.body.data;
        expect(res.body.meta.total).toBe(all.length);
      });

      const ids = (items: any[]) => items.map((rule) => rule.id).sort();

      it.each([
        ['kind=allow', (rule: any) => rule.kind === 'allow'],
        ['kind=block', (rule: any) => rule.kind === 'block'],
        ['source=auto', (rule: any) => rule.source === 'auto'],
        ['active=false', (rule: any) => !rule.active],
        ['active=true', (rule: any) => rule.active],
        ['target=192.0.2.211', (rule: any) => rule.target === '192.0.2.211'],
        ['kind=block&source=auto&active=true', (rule: any) => rule.kind === 'block' && rule.source === 'auto' && rule.active],
      ])('filters by %s', async (query, predicate) => {
        const expected = all.filter(predicate);
        expect(expected.length).toBeGreaterThan(0);
        const res = await rules(`?${query}&limit=100`);
        expect(res.status).toBe(200);
        expect(ids(res.body.data)).toEqual(ids(expected));
        expect(res.body.meta.total).toBe(expected.length);
      });

      it('finds a rule by its target however the address or range is written, and refuses one that is neither (400)', async () => {
        const created = await create({ kind: 'block', target: '2001:db8:77::/48', reason: 'spelling' });
        expect(created.status).toBe(201);
        for (const spelling of ['2001:DB8:77::/48', '2001:db8:0077:0::/48', encodeURIComponent(' 2001:db8:77::/48 ')]) {
          const res = await rules(`?target=${spelling}`);
          expect(res.body.data.map((rule: any) => rule.id)).toEqual([created.body.id]);
        }
        expect((await rules('?target=192.0.2.211/32')).body.data.map((rule: any) => rule.target)).toEqual(['192.0.2.211']);
        expect((await rules('?target=%3A%3Affff%3A192.0.2.211')).body.data.map((rule: any) => rule.target)).toEqual(['192.0.2.211']);
        const bad = await rules('?target=not-an-address');
        expectProblem(bad, 400, 'validation_failed');
        expect(bad.body.errors).toEqual([{ field: 'target', message: expect.stringMatching(/address, a CIDR range or an ISO 3166-1/) }]);
        // The rest of this block counts the rules made in its beforeAll.
        expect((await t.http.delete(`/api/v1/security/ip-rules/${created.body.id}`, { token: operator })).status).toBe(204);
      });

      it('shows the expired rule as inactive and the others as active', () => {
        expect(all.filter((rule) => !rule.active).map((rule) => rule.target)).toEqual(['192.0.2.212']);
      });

      it('pages newest first without overlap', async () => {
        const first = await rules('?limit=3&page=1');
        const second = await rules('?limit=3&page=2');
        expect(first.body.meta).toEqual({ page: 1, limit: 3, total: all.length, totalPages: Math.ceil(all.length / 3) });
        expect(second.body.meta).toMatchObject({ page: 2, limit: 3, total: all.length });
        expect([...first.body.data, ...second.body.data].map((rule: any) => rule.id)).toEqual(all.slice(0, 6).map((rule) => rule.id));
        const created = all.map((rule) => new Date(rule.createdAt).getTime());
        expect(created).toEqual([...created].sort((a, b) => b - a));
      });

      it('refuses an unknown filter value with 400', async () => {
        expectProblem(await rules('?kind=deny'), 400, 'validation_failed');
        expectProblem(await rules('?active=maybe'), 400, 'validation_failed');
      });
    });

    it('deletes a rule: 204, no longer enforced, then 404', async () => {
      const created = await create({ kind: 'block', target: '192.0.2.220', reason: 'temporary' });
      expectBlocked(await t.http.get('/health/live', fromIp('192.0.2.220')));
      const res = await t.http.delete(`/api/v1/security/ip-rules/${created.body.id}`, { token: operator });
      expect(res.status).toBe(204);
      expect((await t.http.get('/health/live', fromIp('192.0.2.220'))).status).toBe(200);
      expect((await rules('?target=192.0.2.220')).body.meta.total).toBe(0);
      expectProblem(await t.http.delete(`/api/v1/security/ip-rules/${created.body.id}`, { token: operator }), 404);
      expectProblem(await t.http.delete('/api/v1/security/ip-rules/not-a-uuid', { token: operator }), 400);
    });
  });
});
