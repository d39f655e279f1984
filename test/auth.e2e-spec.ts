import { AccountsService, AuthService } from '@nexus/auth';
import { JobQueue } from '@nexus/core';
import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { RefreshTokenEntity } from '../libs/auth/src/tokens/refresh-token.entity';
import { PURGE_REFRESH_TOKENS_JOB } from '../libs/auth/src/tokens/refresh-token.jobs';
import { RefreshTokenScheduler } from '../libs/auth/src/tokens/refresh-token.scheduler';
import { AuthProbeModule, waitForAuthEvent } from './fixtures/auth-probe.module';
import {
  cookieValue,
  expectNoSecrets,
  expectProblem,
  findSetCookie,
  forgeToken,
  login,
  loginSession,
  OTHER_PASSWORD,
  PASSWORD,
  registerUser,
  RegisteredUser,
  uniqueEmail,
} from './support/auth-helpers';
import { HttpResponse } from './support/http';
import { logRows, sleep, uniqueAgent } from './support/ip-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

const SESSION_SHAPE = {
  user: expect.objectContaining({ id: expect.any(String), email: expect.any(String), status: 'active', platformRole: null }),
  organization: expect.objectContaining({ id: expect.any(String), name: expect.any(String), timeZone: 'UTC' }),
  role: 'owner',
  accessToken: expect.any(String),
  refreshToken: expect.any(String),
  expiresIn: 900,
  tokenType: 'Bearer',
};

describe(`auth (${testTarget()})`, () => {
  let t: TestApp;
  let owner: RegisteredUser;

  beforeAll(async () => {
    t = await startTestApp({ modules: [AuthProbeModule] });
    owner = await registerUser(t.http);
  });
  afterAll(async () => {
    await t?.close();
  });

  const me = (token?: string) => t.http.get('/api/v1/auth/me', { token });
  const refresh = (refreshToken: string) => t.http.post('/api/v1/auth/refresh', { refreshToken });

  describe('register', () => {
    it('creates the user, their organization as owner, and a session', async () => {
      const email = uniqueEmail('ada');
      const res = await t.http.post('/api/v1/auth/register', { email, password: PASSWORD, name: 'Ada', organizationName: 'Engines Ltd' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual(SESSION_SHAPE);
      expect(res.body.user.email).toBe(email);
      expect(res.body.organization.name).toBe('Engines Ltd');
      expectNoSecrets(res);
    });

    it('stores the email lower-cased and trimmed', async () => {
      const email = uniqueEmail('Grace.Hopper').replace('@example.com', '@Example.COM');
      const res = await t.http.post('/api/v1/auth/register', {
        email: `  ${email} `,
        password: PASSWORD,
        name: 'Grace',
        organizationName: 'Navy',
      });
      expect(res.status).toBe(201);
      expect(res.body.user.email).toBe(email.toLowerCase());
      expect(res.body.user.email).not.toBe(email);
    });

    it('refuses an email already taken in another case with 409 email_taken', async () => {
      const res = await t.http.post('/api/v1/auth/register', {
        email: owner.email.toUpperCase(),
        password: PASSWORD,
        name: 'Impostor',
        organizationName: 'Copycats',
      });
      expectProblem(res, 409, 'email_taken');
    });

    it('refuses a short password, naming the field and the rule', async () => {
      const res = await t.http.post('/api/v1/auth/register', {
        email: uniqueEmail(),
        password: 'short-pw1',
        name: 'A',
        organizationName: 'B',
      });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'password', message: expect.stringMatching(/at least 12 characters/) }]);
    });

    it('refuses a common password', async () => {
      const res = await t.http.post('/api/v1/auth/register', {
        email: uniqueEmail(),
        password: 'password1234',
        name: 'A',
        organizationName: 'B',
      });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'password', message: expect.stringMatching(/too common/) }]);
    });

    it.each([
      ['role', 'admin'],
      ['organizationId', '0b7c1e52-6a4e-4c1f-9f0e-3f1e2d3c4b5a'],
    ])('refuses the %s field in the body, naming it', async (field, value) => {
      const email = uniqueEmail();
      const res = await t.http.post('/api/v1/auth/register', {
        email,
        password: PASSWORD,
        name: 'A',
        organizationName: 'B',
        [field]: value,
      });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field, message: `property ${field} is not allowed` }]);
      // Nothing was created: the email is still free.
      expect((await login(t.http, email, PASSWORD)).status).toBe(401);
    });
  });

  describe('login', () => {
    it('answers 200 with the same session shape as register', async () => {
      const res = await login(t.http, owner.email, owner.password);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(SESSION_SHAPE);
      expect(res.body.user.id).toBe(owner.userId);
      expect(res.body.organization.id).toBe(owner.organizationId);
      expect(res.body.refreshToken).not.toBe(owner.refreshToken);
    });

    it('accepts the email in any case', async () => {
      const res = await login(t.http, owner.email.toUpperCase(), owner.password);
      expect(res.status).toBe(200);
    });

    it('answers an unknown email and a wrong password with the same 401 invalid_credentials', async () => {
      const unknown = await login(t.http, uniqueEmail('nobody'), PASSWORD);
      const wrong = await login(t.http, owner.email, OTHER_PASSWORD);
      expectProblem(unknown, 401, 'invalid_credentials');
      expectProblem(wrong, 401, 'invalid_credentials');
      const { requestId: _a, ...unknownBody } = unknown.body;
      const { requestId: _b, ...wrongBody } = wrong.body;
      expect(unknownBody).toEqual(wrongBody);
      expect(unknown.body.requestId).not.toBe(wrong.body.requestId);
    });

    it('never returns password or refresh-token hashes from register, login, refresh, me or members', async () => {
      const registered = await t.http.post('/api/v1/auth/register', {
        email: uniqueEmail('secret'),
        password: PASSWORD,
        name: 'Sec',
        organizationName: 'Ret',
      });
      const token = registered.body.accessToken;
      const responses: HttpResponse[] = [
        registered,
        await login(t.http, registered.body.user.email, PASSWORD),
        await refresh(registered.body.refreshToken),
        await me(token),
        await t.http.post(
          '/api/v1/organizations/current/members',
          { email: uniqueEmail('viewer'), name: 'V', role: 'viewer', password: PASSWORD },
          { token },
        ),
        await t.http.get('/api/v1/organizations/current/members', { token }),
      ];
      expect(responses.map((r) => r.status)).toEqual([201, 200, 200, 200, 201, 200]);
      for (const res of responses) expectNoSecrets(res);
    });
  });

  describe('access tokens (GET /auth/me)', () => {
    const claimsOf = (user: RegisteredUser) => ({ sub: user.userId, org: user.organizationId, role: 'owner' });

    it('a valid token returns the caller, their organization and role', async () => {
      const res = await me(owner.accessToken);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user: expect.objectContaining({ id: owner.userId, email: owner.email, platformRole: null }),
        organization: expect.objectContaining({ id: owner.organizationId }),
        role: 'owner',
      });
      expectNoSecrets(res);
    });

    it('a token forged exactly like the app signs it is accepted (control for the cases below)', async () => {
      const res = await me(forgeToken(claimsOf(owner)));
      expect(res.status).toBe(200);
      expect(res.body.user.id).toBe(owner.userId);
    });

    it('no token is a 401 with WWW-Authenticate', async () => {
      const res = await me();
      expectProblem(res, 401, 'missing_token');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    });

    it('an alg:none token is refused', async () => {
      const res = await me(forgeToken(claimsOf(owner), { algorithm: 'none' }));
      expectProblem(res, 401, 'invalid_token');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    });

    it('an HS256 token signed with another secret is refused', async () => {
      const res = await me(forgeToken(claimsOf(owner), { secret: 'another-secret-another-secret-0123456789abcdef' }));
      expectProblem(res, 401, 'invalid_token');
    });

    it('an expired token is refused', async () => {
      const past = Math.floor(Date.now() / 1000) - 60;
      const res = await me(forgeToken({ ...claimsOf(owner), iat: past - 900, exp: past }));
      expectProblem(res, 401, 'invalid_token');
    });

    it('a token without exp is refused', async () => {
      const token = forgeToken(claimsOf(owner), { expiresInSeconds: null });
      expect(jwt.decode(token)).not.toHaveProperty('exp');
      const res = await me(token);
      expectProblem(res, 401, 'invalid_token');
    });

    it('a token whose payload was changed after signing is refused', async () => {
      const other = await registerUser(t.http);
      const [header, , signature] = owner.accessToken.split('.');
      const payload = jwt.decode(owner.accessToken) as Record<string, unknown>;
      const tampered = Buffer.from(JSON.stringify({ ...payload, sub: other.userId, role: 'owner', org: other.organizationId })).toString(
        'base64url',
      );
      const res = await me(`${header}.${tampered}.${signature}`);
      expectProblem(res, 401, 'invalid_token');
    });

    it.each([
      ['the wrong issuer', { issuer: 'someone-else' }],
      ['the wrong audience', { audience: 'another-api' }],
      ['no issuer', { issuer: null }],
      ['no audience', { audience: null }],
    ])('a token with %s is refused', async (_what, options) => {
      const res = await me(forgeToken(claimsOf(owner), options));
      expectProblem(res, 401, 'invalid_token');
    });

    it('an HS512 token with the right secret is refused (algorithm pinned)', async () => {
      const res = await me(forgeToken(claimsOf(owner), { algorithm: 'HS512' }));
      expectProblem(res, 401, 'invalid_token');
    });
  });

  describe('refresh tokens', () => {
    it('rotation returns a working access token and a new refresh token', async () => {
      const session = await loginSession(t.http, owner.email, owner.password);
      const res = await refresh(session.refreshToken);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(SESSION_SHAPE);
      expect(res.body.refreshToken).not.toBe(session.refreshToken);
      expect((await me(res.body.accessToken)).status).toBe(200);
    });

    it('reusing a rotated refresh token is 401 refresh_token_reused and revokes the newest one too', async () => {
      const session = await loginSession(t.http, owner.email, owner.password);
      const rotated = await refresh(session.refreshToken);
      expect(rotated.status).toBe(200);
      const reused = await refresh(session.refreshToken);
      expectProblem(reused, 401, 'refresh_token_reused');
      const newest = await refresh(rotated.body.refreshToken);
      expectProblem(newest, 401);
    });

    it('logout revokes the refresh token', async () => {
      const session = await loginSession(t.http, owner.email, owner.password);
      const out = await t.http.post('/api/v1/auth/logout', { refreshToken: session.refreshToken });
      expect(out.status).toBe(204);
      expect(out.text).toBe('');
      expectProblem(await refresh(session.refreshToken), 401);
    });

    it('logout with any token of the family, even an already rotated one, revokes the newest too', async () => {
      const session = await loginSession(t.http, owner.email, owner.password);
      const rotated = await refresh(session.refreshToken);
      expect(rotated.status).toBe(200);
      expect((await t.http.post('/api/v1/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
      expectProblem(await refresh(rotated.body.refreshToken), 401);
    });

    it('an unknown refresh token is 401 invalid_refresh_token', async () => {
      expectProblem(await refresh('q4J1n0m1b3Xv1Yk2cQ9sH0oXq2kq7sVtQm3kCq1l5eI'), 401, 'invalid_refresh_token');
    });
  });

  describe('cookie transport', () => {
    async function cookieLogin() {
      const res = await login(t.http, owner.email, owner.password, '?transport=cookie');
      expect(res.status).toBe(200);
      const refreshToken = cookieValue(findSetCookie(res, 'nexus_refresh'));
      const csrf = cookieValue(findSetCookie(res, 'nexus_csrf'));
      return { res, refreshToken, csrf, cookie: `nexus_refresh=${refreshToken}; nexus_csrf=${csrf}` };
    }

    const cookieRefresh = (cookie: string, csrf?: string) =>
      t.http.post(
        '/api/v1/auth/refresh?transport=cookie',
        {},
        { headers: { cookie, ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }) } },
      );

    it('login puts the refresh token in an httpOnly, Secure, SameSite=Strict cookie scoped to /api/v1/auth', async () => {
      const { res } = await cookieLogin();
      expect(res.body).not.toHaveProperty('refreshToken');
      expect(res.body).toEqual(expect.objectContaining({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 }));
      const refreshCookie = findSetCookie(res, 'nexus_refresh')!;
      expect(refreshCookie).toMatch(/;\s*HttpOnly/i);
      expect(refreshCookie).toMatch(/;\s*Secure/i);
      expect(refreshCookie).toMatch(/;\s*SameSite=Strict/i);
      expect(refreshCookie).toMatch(/;\s*Path=\/api\/v1\/auth(;|$)/i);
      const csrfCookie = findSetCookie(res, 'nexus_csrf')!;
      expect(csrfCookie).toBeDefined();
      expect(csrfCookie).not.toMatch(/HttpOnly/i);
      expect(csrfCookie).toMatch(/;\s*Secure/i);
      // The same value in the body, for an app on another origin that cannot read the API's cookie.
      expect(res.body.csrfToken).toBe(cookieValue(csrfCookie));
    });

    it('bearer mode has no CSRF token in its body', async () => {
      const res = await login(t.http, owner.email, owner.password);
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('csrfToken');
    });

    it('an app that cannot read the cookie refreshes with the csrfToken from the body, and gets a new one', async () => {
      const { res, cookie } = await cookieLogin();
      const refreshed = await cookieRefresh(cookie, res.body.csrfToken);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.csrfToken).toEqual(expect.any(String));
      expect(refreshed.body.csrfToken).not.toBe(res.body.csrfToken);
      expect(refreshed.body.csrfToken).toBe(cookieValue(findSetCookie(refreshed, 'nexus_csrf')));
    });

    it('register takes ?transport=cookie too: the refresh token goes into the cookie, never the body', async () => {
      const res = await t.http.post('/api/v1/auth/register?transport=cookie', {
        email: uniqueEmail('cookie-register'),
        password: PASSWORD,
        name: 'Cookie Register',
        organizationName: 'Cookie Org',
      });
      expect(res.status).toBe(201);
      expect(res.body).not.toHaveProperty('refreshToken');
      expect(res.body).toEqual(expect.objectContaining({ accessToken: expect.any(String), expiresIn: 900 }));
      const refreshCookie = findSetCookie(res, 'nexus_refresh')!;
      expect(refreshCookie).toMatch(/;\s*HttpOnly/i);
      expect(refreshCookie).toMatch(/;\s*SameSite=Strict/i);
      expect(refreshCookie).toMatch(/;\s*Path=\/api\/v1\/auth(;|$)/i);
      const csrf = cookieValue(findSetCookie(res, 'nexus_csrf'));
      const cookie = `nexus_refresh=${cookieValue(refreshCookie)}; nexus_csrf=${csrf}`;
      expect((await cookieRefresh(cookie, csrf)).status).toBe(200);
    });

    it('refresh through the cookie without X-CSRF-Token is 403 csrf_failed', async () => {
      const { cookie } = await cookieLogin();
      expectProblem(await cookieRefresh(cookie), 403, 'csrf_failed');
    });

    it('refresh through the cookie with a wrong X-CSRF-Token is 403 csrf_failed', async () => {
      const { cookie, csrf } = await cookieLogin();
      const wrong = `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}`;
      expectProblem(await cookieRefresh(cookie, wrong), 403, 'csrf_failed');
      expectProblem(await cookieRefresh(cookie, 'short'), 403, 'csrf_failed');
    });

    it('refresh through the cookie with the right X-CSRF-Token rotates the cookies', async () => {
      const { cookie, csrf, refreshToken } = await cookieLogin();
      const res = await cookieRefresh(cookie, csrf);
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('refreshToken');
      expect((await me(res.body.accessToken)).status).toBe(200);
      const next = cookieValue(findSetCookie(res, 'nexus_refresh'));
      expect(next).not.toBe(refreshToken);
      expect(findSetCookie(res, 'nexus_csrf')).toBeDefined();
    });

    it('a browser-style refresh with no request body at all works like an empty one', async () => {
      const { cookie, csrf } = await cookieLogin();
      const res = await t.http.request('POST', '/api/v1/auth/refresh?transport=cookie', { headers: { cookie, 'x-csrf-token': csrf } });
      expect(res.status).toBe(200);
      expect(findSetCookie(res, 'nexus_refresh')).toBeDefined();
    });

    it('a refresh that used the cookie answers through the cookie, even without ?transport=cookie', async () => {
      const { cookie, csrf, refreshToken } = await cookieLogin();
      const res = await t.http.post('/api/v1/auth/refresh', {}, { headers: { cookie, 'x-csrf-token': csrf } });
      expect(res.status).toBe(200);
      // A body token would hand the httpOnly secret to page scripts and leave the browser holding a rotated cookie.
      expect(res.body).not.toHaveProperty('refreshToken');
      expect(cookieValue(findSetCookie(res, 'nexus_refresh'))).not.toBe(refreshToken);
    });

    it('logout through the cookie also needs the CSRF header, then clears the cookies', async () => {
      const { cookie, csrf } = await cookieLogin();
      expectProblem(await t.http.post('/api/v1/auth/logout', {}, { headers: { cookie } }), 403, 'csrf_failed');
      const out = await t.http.post('/api/v1/auth/logout', {}, { headers: { cookie, 'x-csrf-token': csrf } });
      expect(out.status).toBe(204);
      expect(findSetCookie(out, 'nexus_refresh')).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
      expectProblem(await cookieRefresh(cookie, csrf), 401);
    });
  });

  describe('auth failure flags on the request', () => {
    it('a wrong password is flagged wrong_password', async () => {
      const res = await login(t.http, owner.email, OTHER_PASSWORD);
      expect(res.status).toBe(401);
      expect(await waitForAuthEvent(res.headers.get('x-request-id'))).toEqual(
        expect.objectContaining({ url: '/api/v1/auth/login', status: 401, authFailure: 'wrong_password' }),
      );
    });

    it('an unknown email is flagged unknown_email', async () => {
      const res = await login(t.http, uniqueEmail('ghost'), PASSWORD);
      expect(res.status).toBe(401);
      expect(await waitForAuthEvent(res.headers.get('x-request-id'))).toEqual(
        expect.objectContaining({ status: 401, authFailure: 'unknown_email' }),
      );
    });

    it('a bad bearer token is flagged invalid_token', async () => {
      const res = await me('not.a.token');
      expect(res.status).toBe(401);
      expect(await waitForAuthEvent(res.headers.get('x-request-id'))).toEqual(
        expect.objectContaining({ url: '/api/v1/auth/me', status: 401, authFailure: 'invalid_token' }),
      );
    });

    it('a cookie refresh without the CSRF header is flagged csrf_failed', async () => {
      const session = await t.http.post('/api/v1/auth/login?transport=cookie', { email: owner.email, password: owner.password });
      expect(session.status).toBe(200);
      const cookie = findSetCookie(session, 'nexus_refresh')!.split(';')[0];
      const res = await t.http.post('/api/v1/auth/refresh', {}, { headers: { cookie } });
      expectProblem(res, 403, 'csrf_failed');
      expect(await waitForAuthEvent(res.headers.get('x-request-id'))).toEqual(
        expect.objectContaining({ url: '/api/v1/auth/refresh', status: 403, authFailure: 'csrf_failed' }),
      );
    });

    it('a successful login carries no flag', async () => {
      const res = await login(t.http, owner.email, owner.password);
      expect(res.status).toBe(200);
      const event = await waitForAuthEvent(res.headers.get('x-request-id'));
      expect(event).toEqual(expect.objectContaining({ status: 200 }));
      expect(event.authFailure).toBeUndefined();
    });
  });

  describe('platform role', () => {
    let operatorToken: string;
    const operatorEmail = uniqueEmail('operator');

    beforeAll(async () => {
      await t.app.get(AuthService).createOperator({ email: operatorEmail, name: 'Operator', password: PASSWORD });
      operatorToken = (await loginSession(t.http, operatorEmail, PASSWORD)).accessToken;
    });

    it('an operator has a platform role and no organization', async () => {
      const res = await me(operatorToken);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user: expect.objectContaining({ email: operatorEmail, platformRole: 'operator' }),
        organization: null,
        role: null,
      });
    });

    it('an organization owner cannot call an operator-only route (403 platform_role_required)', async () => {
      const res = await t.http.get('/api/v1/test-fixtures/operator-only', { token: owner.accessToken });
      expectProblem(res, 403, 'platform_role_required');
    });

    it('an operator can call an operator-only route', async () => {
      const res = await t.http.get('/api/v1/test-fixtures/operator-only', { token: operatorToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true });
    });

    it('an operator has no organization to manage (403 no_organization)', async () => {
      expectProblem(await t.http.get('/api/v1/organizations/current', { token: operatorToken }), 403, 'no_organization');
    });
  });
});

describe(`login throttling per email and IP (${testTarget()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function failTimes(email: string, times: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < times; i++) statuses.push((await login(t.http, email, OTHER_PASSWORD)).status);
    return statuses;
  }

  it('the 5th consecutive wrong password locks the pair: 429 login_locked with Retry-After ≈ 900', async () => {
    const user = await registerUser(t.http);
    expect(await failTimes(user.email, 4)).toEqual([401, 401, 401, 401]);
    const fifth = await login(t.http, user.email, OTHER_PASSWORD);
    expectProblem(fifth, 429, 'login_locked');
    const retryAfter = Number(fifth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(890);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('while locked, even the correct password gets 429 with Retry-After, and the request log flags it login_refused', async () => {
    const user = await registerUser(t.http);
    await failTimes(user.email, 5);
    const agent = uniqueAgent('locked');
    const res = await t.http.post(
      '/api/v1/auth/login',
      { email: user.email, password: user.password },
      { headers: { 'user-agent': agent } },
    );
    expectProblem(res, 429, 'login_locked');
    const [row] = await logRows(t, { userAgent: agent });
    expect(row).toMatchObject({ path: '/api/v1/auth/login', status: 429, authFailure: 'login_refused' });
    expect(res.body).not.toHaveProperty('accessToken');
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(890);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('a successful login resets the counter', async () => {
    const user = await registerUser(t.http);
    expect(await failTimes(user.email, 4)).toEqual([401, 401, 401, 401]);
    expect((await login(t.http, user.email, user.password)).status).toBe(200);
    expect(await failTimes(user.email, 4)).toEqual([401, 401, 401, 401]);
  });

  it('an attempt the server failed to answer (500) is not held against the client', async () => {
    const user = await registerUser(t.http);
    const accounts = t.app.get(AccountsService);
    const outage = jest.spyOn(accounts, 'findUserByEmail').mockRejectedValue(new Error('database unavailable'));
    try {
      for (let i = 0; i < 3; i++) expect((await login(t.http, user.email, OTHER_PASSWORD)).status).toBe(500);
    } finally {
      outage.mockRestore();
    }
    expect(await failTimes(user.email, 4)).toEqual([401, 401, 401, 401]);
    expectProblem(await login(t.http, user.email, OTHER_PASSWORD), 429, 'login_locked');
  });

  it('a burst of parallel guesses gets no more tries than a sequence: four 401s, then 429 for the rest', async () => {
    const user = await registerUser(t.http);
    const answers = await Promise.all(Array.from({ length: 12 }, () => login(t.http, user.email, OTHER_PASSWORD)));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).toEqual([...Array(4).fill(401), ...Array(8).fill(429)]);
    for (const res of answers.filter((r) => r.status === 429)) expectProblem(res, 429, 'login_locked');
    expectProblem(await login(t.http, user.email, user.password), 429, 'login_locked');
  });
});

describe(`login throttling of IPv6 clients (${testTarget()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const loginFrom = (ip: string, email: string, password: string) =>
    t.http.post('/api/v1/auth/login', { email, password }, { headers: { 'x-forwarded-for': ip } });

  it('counts a /64 as one address: rotating through it does not escape the lockout', async () => {
    const user = await registerUser(t.http);
    const statuses = [];
    for (let host = 1; host <= 4; host++) statuses.push((await loginFrom(`2001:db8:7:1::${host}`, user.email, OTHER_PASSWORD)).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    expectProblem(await loginFrom('2001:db8:7:1:ffff::5', user.email, OTHER_PASSWORD), 429, 'login_locked');
    // Another network is another client.
    expect((await loginFrom('2001:db8:7:2::1', user.email, user.password)).status).toBe(200);
  });
});

describe(`login lockout window (${testTarget()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_LOCKOUT_THRESHOLD: '3', AUTH_LOCKOUT_DURATION: '2s' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const wrong = async (email: string) => (await login(t.http, email, OTHER_PASSWORD)).status;

  it('failures spaced under the lockout duration apart keep counting, even past that duration from the first', async () => {
    const user = await registerUser(t.http);
    expect(await wrong(user.email)).toBe(401);
    await sleep(1200);
    expect(await wrong(user.email)).toBe(401);
    await sleep(1200);
    // 2.4 s after the first failure, 1.2 s after the last: still the third consecutive one.
    const third = await login(t.http, user.email, OTHER_PASSWORD);
    expectProblem(third, 429, 'login_locked');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a quiet spell as long as the lockout duration forgets the failures, and a lock ends on time', async () => {
    const user = await registerUser(t.http);
    expect([await wrong(user.email), await wrong(user.email)]).toEqual([401, 401]);
    await sleep(2300);
    expect([await wrong(user.email), await wrong(user.email)]).toEqual([401, 401]);
    expectProblem(await login(t.http, user.email, OTHER_PASSWORD), 429, 'login_locked');
    await sleep(2300);
    expect((await login(t.http, user.email, user.password)).status).toBe(200);
  });
});

describe(`login throttling per IP (${testTarget()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    // Each test logs in from its own address (a blocked one stays blocked for 24 h).
    t = await startTestApp({ env: { AUTH_IP_FAILURE_LIMIT: '3', TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const loginFrom = (ip: string, email: string, password: string) =>
    t.http.post('/api/v1/auth/login', { email, password }, { headers: { 'x-forwarded-for': ip } });

  it('failures across different emails from one IP block that IP (429 login_ip_blocked)', async () => {
    const ip = '198.51.100.31';
    const user = await registerUser(t.http);
    expect((await loginFrom(ip, uniqueEmail('a'), PASSWORD)).status).toBe(401);
    expect((await loginFrom(ip, uniqueEmail('b'), PASSWORD)).status).toBe(401);
    const third = await loginFrom(ip, uniqueEmail('c'), PASSWORD);
    expectProblem(third, 429, 'login_ip_blocked');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    const another = await loginFrom(ip, uniqueEmail('d'), PASSWORD);
    expectProblem(another, 429, 'login_ip_blocked');
    expect(Number(another.headers.get('retry-after'))).toBeGreaterThan(0);
    expectProblem(await loginFrom(ip, user.email, user.password), 429, 'login_ip_blocked');
  });

  it('successful logins do not count against the address, failures do', async () => {
    const ip = '198.51.100.32';
    const user = await registerUser(t.http);
    expect((await loginFrom(ip, uniqueEmail('a'), PASSWORD)).status).toBe(401);
    for (let i = 0; i < 4; i++) expect((await loginFrom(ip, user.email, user.password)).status).toBe(200);
    expect((await loginFrom(ip, uniqueEmail('b'), PASSWORD)).status).toBe(401);
    expectProblem(await loginFrom(ip, uniqueEmail('c'), PASSWORD), 429, 'login_ip_blocked');
  });
});

describe(`token lifetimes (${testTarget()})`, () => {
  const lifetimes = async (t: TestApp) => {
    const user = await registerUser(t.http);
    const claims = jwt.decode(user.accessToken) as { iat: number; exp: number };
    const [row] = await t.app.get(DataSource).getRepository(RefreshTokenEntity).findBy({ userId: user.userId });
    return {
      access: claims.exp - claims.iat,
      expiresIn: user.session.expiresIn,
      refreshSeconds: Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 1000),
    };
  };

  it('are 15 minutes (access) and 30 days (refresh) by default', async () => {
    const t = await startTestApp();
    try {
      const { access, expiresIn, refreshSeconds } = await lifetimes(t);
      expect([access, expiresIn]).toEqual([900, 900]);
      expect(Math.abs(refreshSeconds - 30 * 86_400)).toBeLessThanOrEqual(2);
    } finally {
      await t.close();
    }
  });

  it('follow JWT_ACCESS_TTL and JWT_REFRESH_TTL', async () => {
    const t = await startTestApp({ env: { JWT_ACCESS_TTL: '5m', JWT_REFRESH_TTL: '2d' } });
    try {
      const { access, expiresIn, refreshSeconds } = await lifetimes(t);
      expect([access, expiresIn]).toEqual([300, 300]);
      expect(Math.abs(refreshSeconds - 2 * 86_400)).toBeLessThanOrEqual(2);
    } finally {
      await t.close();
    }
  });
});

describe(`refresh token housekeeping (${testTarget()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the daily job deletes tokens expired over a week ago, and keeps the others', async () => {
    const tokens = t.app.get(DataSource).getRepository(RefreshTokenEntity);
    const [old, recent, live] = await Promise.all([registerUser(t.http), registerUser(t.http), registerUser(t.http)]);
    const day = 24 * 3600 * 1000;
    await tokens.update({ userId: old.userId }, { expiresAt: new Date(Date.now() - 8 * day) });
    await tokens.update({ userId: recent.userId }, { expiresAt: new Date(Date.now() - 6 * day) });

    const jobs = t.app.get(JobQueue);
    const jobId = await t.app.get(RefreshTokenScheduler).enqueueFor(new Date());
    expect(jobId).toBe(`auth-refresh-token-purge:${new Date().toISOString().slice(0, 10)}`);
    for (let i = 0; i < 200 && (await jobs.getStatus(PURGE_REFRESH_TOKENS_JOB, jobId))?.state !== 'completed'; i++) await sleep(25);
    const status = await jobs.getStatus<{ deleted: number }>(PURGE_REFRESH_TOKENS_JOB, jobId);
    expect(status?.state).toBe('completed');
    expect(status?.result?.deleted).toBeGreaterThanOrEqual(1);

    expect(await tokens.countBy({ userId: old.userId })).toBe(0);
    expect(await tokens.countBy({ userId: recent.userId })).toBe(1);
    expect(await tokens.countBy({ userId: live.userId })).toBe(1);
    expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: live.refreshToken })).status).toBe(200);
  });
});
