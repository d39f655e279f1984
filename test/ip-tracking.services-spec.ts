import { IpRuleEntity } from '@nexus/ip-tracking';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { expectProblem } from './support/auth-helpers';
import { fromIp, operatorToken, RedisProcess, waitUntil } from './support/ip-helpers';
import { startTestApp, TestApp, TestEnv } from './support/test-app';
import { createTestDatabase, TestDatabase, testTarget } from './support/test-database';

const PROPAGATION_MS = 2000;
const LIMIT = 20;

/** Several API instances against one database and one Redis, as behind a load balancer. */
describe(`IP tracking across instances (${testTarget()}, Redis)`, () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];
  let redis: RedisProcess | null = null;

  const start = async (env: TestEnv): Promise<TestApp> => {
    const app = await startTestApp({ database, env: { TRUST_PROXY: '127.0.0.1', ...env } });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    // Apps connected to the private Redis close cleanly only while it runs.
    await redis?.restart();
    for (const app of apps.reverse()) await app.close();
    await redis?.kill();
    await database?.drop();
  });

  describe('one Redis key prefix shared by three instances', () => {
    let a: TestApp;
    let b: TestApp;
    let c: TestApp;
    let operator: string;

    beforeAll(async () => {
      const env = { REDIS_KEY_PREFIX: `t${randomBytes(5).toString('hex')}`, RATE_LIMIT_DEFAULT: `${LIMIT}/60s` };
      // The first applies the migrations; the others find them done.
      a = await start(env);
      [b, c] = await Promise.all([start(env), start(env)]);
      operator = await operatorToken(a);
    });

    const statusOn = async (app: TestApp, ip: string) => (await app.http.get('/health/live', fromIp(ip))).status;

    it(`a block created through instance A is enforced by B and C within ${PROPAGATION_MS} ms`, async () => {
      expect([await statusOn(b, '203.0.113.50'), await statusOn(c, '203.0.113.50')]).toEqual([200, 200]);
      const created = await a.http.post(
        '/api/v1/security/ip-rules',
        { kind: 'block', target: '203.0.113.50', reason: 'cluster' },
        { token: operator },
      );
      expect(created.status).toBe(201);
      const elapsed = await waitUntil(async () => (await statusOn(b, '203.0.113.50')) === 403, 5000);
      expect(elapsed).toBeLessThan(PROPAGATION_MS);
      expectProblem(await c.http.get('/health/live', fromIp('203.0.113.50')), 403, 'ip_blocked');

      const removed = await a.http.delete(`/api/v1/security/ip-rules/${created.body.id}`, { token: operator });
      expect(removed.status).toBe(204);
      expect(await waitUntil(async () => (await statusOn(b, '203.0.113.50')) === 200, 5000)).toBeLessThan(PROPAGATION_MS);
    });

    it(`with limit ${LIMIT}, ${LIMIT * 3} concurrent requests spread over the three instances let exactly ${LIMIT} through`, async () => {
      const instances = [a, b, c];
      const responses = await Promise.all(
        Array.from({ length: LIMIT * 3 }, (_, i) => instances[i % 3].http.get('/health/live', fromIp('198.51.100.99'))),
      );
      const statuses = responses.map((res) => res.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(LIMIT);
      expect(statuses.filter((status) => status === 429)).toHaveLength(LIMIT * 2);
      // Every instance refuses the client afterwards, whichever served the successes.
      for (const app of instances) expectProblem(await app.http.get('/health/live', fromIp('198.51.100.99')), 429, 'rate_limited');
    });

    it('an instance that missed the pub/sub message catches up with the periodic reload', async () => {
      // Another key prefix: it hears none of A's messages, only its own reload every second.
      const d = await start({ REDIS_KEY_PREFIX: `t${randomBytes(5).toString('hex')}`, IP_RULES_RELOAD_INTERVAL: '1s' });
      expect(await statusOn(d, '203.0.113.51')).toBe(200);
      // Written straight to the table, as a script or another tool might: no message at all.
      await a.app
        .get(DataSource)
        .getRepository(IpRuleEntity)
        .save(
          Object.assign(new IpRuleEntity(), {
            kind: 'block',
            targetType: 'ip',
            target: '203.0.113.51',
            reason: 'direct',
            source: 'manual',
            createdBy: null,
            expiresAt: null,
          }),
        );
      expect(await waitUntil(async () => (await statusOn(d, '203.0.113.51')) === 403, 5000)).toBeLessThan(PROPAGATION_MS + 500);
    });
  });

  describe('when Redis goes down', () => {
    let failOpen: TestApp;
    let failClosed: TestApp;

    beforeAll(async () => {
      redis = await RedisProcess.start();
      const env = { REDIS_URL: redis.url, WORKER_IN_PROCESS: 'false', RATE_LIMIT_DEFAULT: `${LIMIT}/60s` };
      [failOpen, failClosed] = await Promise.all([
        start({ ...env, RATE_LIMIT_FAIL_OPEN: 'true' }),
        start({ ...env, RATE_LIMIT_FAIL_OPEN: 'false' }),
      ]);
      expect([(await failOpen.http.get('/health/live')).status, (await failClosed.http.get('/health/live')).status]).toEqual([200, 200]);
      await redis.kill();
    });

    it('RATE_LIMIT_FAIL_OPEN=true keeps serving', async () => {
      const res = await failOpen.http.get('/health/live');
      expect(res.status).toBe(200);
    });

    it('/health/ready answers 503 not_ready naming Redis (the rate limiter fails open, so the probe is reached)', async () => {
      const res = await failOpen.http.get('/health/ready');
      expectProblem(res, 503, 'not_ready');
      expect(res.body.detail).toBe('Not ready: redis is down');
      expect(res.body.checks).toMatchObject({ database: { status: 'up' }, redis: { status: 'down' } });
    });

    it('RATE_LIMIT_FAIL_OPEN=false answers 503 rate_limit_unavailable, but still answers the probes', async () => {
      expectProblem(await failClosed.http.get('/api/v1/organizations/current'), 503, 'rate_limit_unavailable');
      // A liveness probe failing for Redis would only get healthy pods restarted; readiness reports Redis itself.
      expect((await failClosed.http.get('/health/live')).status).toBe(200);
      expectProblem(await failClosed.http.get('/health/ready'), 503, 'not_ready');
    });

    it('both serve and count again once Redis is back', async () => {
      await redis!.restart();
      await waitUntil(async () => (await failClosed.http.get('/api/v1/organizations/current')).status === 401, 10_000, 200);
      const res = await failOpen.http.get('/health/live');
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit')).toMatch(/^"default";r=\d+;t=\d+$/);
    });
  });
});
