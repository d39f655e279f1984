import { expectProblem, forgeToken, RegisteredUser } from './support/auth-helpers';
import { HttpResponse } from './support/http';
import { fromIp, rateLimitOf, registerFrom } from './support/ip-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

/** Per client: the global limit, and the login/register limits for anonymous and authenticated clients. */
const DEFAULT_LIMIT = 12;
const ANONYMOUS_LOGINS = 5;
const USER_LOGINS = 10;

function expectRateLimited(res: HttpResponse): void {
  expectProblem(res, 429, 'rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.body.retryAfter).toBe(retryAfter);
}

describe(`rate limiting (${testTarget()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        TRUST_PROXY: '127.0.0.1',
        RATE_LIMIT_DEFAULT: `${DEFAULT_LIMIT}/60s`,
        RATE_LIMIT_AUTH_ANONYMOUS: `${ANONYMOUS_LOGINS}/60s`,
        RATE_LIMIT_AUTH_USER: `${USER_LOGINS}/60s`,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const live = (ip: string) => t.http.get('/health/live', fromIp(ip));
  const login = (ip: string, user: Pick<RegisteredUser, 'email' | 'password'>, token?: string) =>
    t.http.post('/api/v1/auth/login', { email: user.email, password: user.password }, fromIp(ip, { token }));

  it('announces the policy and what remains on a normal route', async () => {
    const res = await live('192.0.2.10');
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-policy')).toBe(`"default";q=${DEFAULT_LIMIT};w=60`);
    const limit = rateLimitOf(res);
    expect(limit).toMatchObject({ name: 'default', remaining: DEFAULT_LIMIT - 1 });
    expect(limit!.reset).toBeGreaterThanOrEqual(59);
    expect(limit!.reset).toBeLessThanOrEqual(60);
  });

  it('counts remaining down to 0, then answers 429 with Retry-After, never a negative remaining', async () => {
    const responses: HttpResponse[] = [];
    for (let i = 0; i < DEFAULT_LIMIT + 4; i++) responses.push(await live('192.0.2.11'));
    expect(responses.map((res) => res.status)).toEqual([...Array(DEFAULT_LIMIT).fill(200), 429, 429, 429, 429]);
    expect(responses.map((res) => rateLimitOf(res)?.remaining)).toEqual([
      ...Array.from({ length: DEFAULT_LIMIT }, (_, i) => DEFAULT_LIMIT - 1 - i),
      0,
      0,
      0,
      0,
    ]);
    for (const refused of responses.slice(DEFAULT_LIMIT)) {
      expectRateLimited(refused);
      expect(refused.headers.get('ratelimit-policy')).toBe(`"default";q=${DEFAULT_LIMIT};w=60`);
      expect(rateLimitOf(refused)!.reset).toBeGreaterThanOrEqual(1);
    }
    // Another client is not affected.
    expect((await live('192.0.2.12')).status).toBe(200);
  });

  it('groups IPv6 clients by /64', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < DEFAULT_LIMIT + 1; i++) statuses.push((await live(`2001:db8:1:2::${(i + 1).toString(16)}`)).status);
    expect(statuses).toEqual([...Array(DEFAULT_LIMIT).fill(200), 429]);
    expect((await live('2001:db8:1:2:ffff:ffff:ffff:ffff')).status).toBe(429);
    expect((await live('2001:db8:1:3::1')).status).toBe(200);
  });

  it('runs before the auth guard: a flood without a token gets 429, not 401', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < DEFAULT_LIMIT + 1; i++) statuses.push((await t.http.get('/api/v1/auth/me', fromIp('192.0.2.20'))).status);
    expect(statuses).toEqual([...Array(DEFAULT_LIMIT).fill(401), 429]);
    expectRateLimited(await t.http.get('/api/v1/auth/me', fromIp('192.0.2.20')));
  });

  describe('login and register', () => {
    let alice: RegisteredUser;
    let bob: RegisteredUser;

    beforeAll(async () => {
      alice = await registerFrom(t.http, '192.0.2.30');
      bob = await registerFrom(t.http, '192.0.2.31');
    });

    it(`allows an anonymous client ${ANONYMOUS_LOGINS} attempts per minute per IP, while other routes stay open`, async () => {
      const statuses: number[] = [];
      for (let i = 0; i < ANONYMOUS_LOGINS; i++) statuses.push((await login('192.0.2.40', alice)).status);
      expect(statuses).toEqual(Array(ANONYMOUS_LOGINS).fill(200));
      const refused = await login('192.0.2.40', alice);
      expectRateLimited(refused);
      // Both policies that apply to login, in one list each: the global one and the auth one.
      expect(refused.headers.get('ratelimit-policy')).toBe(
        `"default";q=${DEFAULT_LIMIT};w=60, "auth-anonymous";q=${ANONYMOUS_LOGINS};w=60`,
      );
      expect(refused.headers.get('ratelimit')).toMatch(/^"default";r=\d+;t=\d+, "auth-anonymous";r=0;t=\d+$/);
      // Register shares the counter; the global limit has room left.
      expectRateLimited(await t.http.post('/api/v1/auth/register', {}, fromIp('192.0.2.40')));
      expect((await live('192.0.2.40')).status).toBe(200);
      // Another address logs in.
      expect((await login('192.0.2.41', alice)).status).toBe(200);
    });

    it(`allows a client with a valid access token ${USER_LOGINS} attempts per minute, tracked by user rather than IP`, async () => {
      const statuses: number[] = [];
      for (let i = 0; i < USER_LOGINS; i++) statuses.push((await login('192.0.2.50', alice, alice.accessToken)).status);
      expect(statuses).toEqual(Array(USER_LOGINS).fill(200));
      const refused = await login('192.0.2.50', alice, alice.accessToken);
      expectRateLimited(refused);
      expect(refused.headers.get('ratelimit-policy')).toContain(`"auth-user";q=${USER_LOGINS};w=60`);
      // Same address, another user: their own counter.
      expect((await login('192.0.2.50', bob, bob.accessToken)).status).toBe(200);
      // Same address, anonymous: the per-IP counter was never touched.
      expect((await login('192.0.2.50', bob)).status).toBe(200);
    });

    it('treats a bearer token that does not verify as anonymous', async () => {
      const forged = forgeToken(
        { sub: alice.userId, org: alice.organizationId, role: 'owner' },
        { secret: 'not-the-secret-not-the-secret-0123456789' },
      );
      const statuses: number[] = [];
      for (let i = 0; i < ANONYMOUS_LOGINS + 1; i++) statuses.push((await login('192.0.2.60', alice, forged)).status);
      expect(statuses).toEqual([...Array(ANONYMOUS_LOGINS).fill(200), 429]);
    });
  });
});
