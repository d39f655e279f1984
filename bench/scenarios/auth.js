/**
 * auth-me (issue 3): an authenticated read, `GET /api/v1/auth/me` with a
 * bearer token, against the bare route. Every request verifies the JWT, hits
 * the rate limiter (per user) and reads the user, organization and membership.
 *
 * Reported beside it, without a target: what argon2id costs per login (hash
 * and verify in this process with the API's parameters, the API idle) and what
 * the login endpoint's latency is, one request at a time.
 */
const { randomBytes } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const argon2 = require('argon2');
const { requestJson } = require('../lib/http');
const { metric, summarize, withMetrics } = require('../lib/metrics');

/** The API's parameters (libs/auth/src/passwords/password-hasher.ts): OWASP's argon2id minimum. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const ARGON2_RUNS = 20;
const LOGIN_RUNS = 5;
const PASSWORD = 'violet-otter-drives-42-trams';

/** A new user and organization through the API; returns its credentials and access token (valid 15 min). */
async function signUp(apiUrl) {
  const email = `bench-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}@example.com`;
  const session = await requestJson(`${apiUrl}/api/v1/auth/register`, {
    method: 'POST',
    body: { email, password: PASSWORD, name: 'Bench User', organizationName: 'Bench Org' },
    expect: 201,
  });
  return { email, accessToken: session.accessToken };
}

async function timeEach(runs, work) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await work(i);
    times.push(performance.now() - start);
  }
  return summarize(times);
}

async function argon2Costs() {
  const hash = await argon2.hash(PASSWORD, ARGON2_OPTIONS); // also warms the native module
  const hashing = await timeEach(ARGON2_RUNS, () => argon2.hash(PASSWORD, ARGON2_OPTIONS));
  const verifying = await timeEach(ARGON2_RUNS, async () => {
    if (!(await argon2.verify(hash, PASSWORD))) throw new Error('argon2.verify refused the right password');
  });
  return { hashing, verifying };
}

const detail = (s) => `mean of ${s.n}, min ${s.min}, max ${s.max}`;

const scenario = {
  name: 'auth-me',
  description: 'GET /api/v1/auth/me with a bearer token vs the bare route; argon2 and login latency reported beside it',
  target: 0.6,
  async run(ctx) {
    const { email, accessToken } = await signUp(ctx.apiUrl);
    const me = await requestJson(`${ctx.apiUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (me?.user?.email !== email) throw new Error(`GET /api/v1/auth/me answered ${JSON.stringify(me)}`);

    const result = await ctx.compare(scenario, {
      candidate: { url: `${ctx.apiUrl}/api/v1/auth/me`, headers: { authorization: `Bearer ${accessToken}` }, pid: ctx.apiPid },
      baseline: { url: `${ctx.baselineUrl}/health/live`, pid: ctx.baselinePid },
    });

    // After the load, with the API idle: these are per-request costs, not throughput.
    const { hashing, verifying } = await argon2Costs();
    const login = await timeEach(LOGIN_RUNS, () =>
      requestJson(`${ctx.apiUrl}/api/v1/auth/login`, { method: 'POST', body: { email, password: PASSWORD } }),
    );
    ctx.log(`auth-me: argon2id hash ${hashing.mean} ms, verify ${verifying.mean} ms; POST /auth/login ${login.mean} ms`);
    return withMetrics(result, [
      metric('argon2id hash (m=19456, t=2, p=1)', hashing.mean, 'ms', { detail: detail(hashing) }),
      metric('argon2id verify', verifying.mean, 'ms', { detail: detail(verifying) }),
      metric('POST /api/v1/auth/login latency', login.mean, 'ms', { detail: `${detail(login)}, sequential` }),
    ]);
  },
};

module.exports = scenario;
