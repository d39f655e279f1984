/**
 * The floors (reported, no target): bench/floor-app.js, the bare app plus only the per-request work the
 * issues require of every route (security headers, a request id, a rate-limit counter, a request-log row
 * in SQLite), hand-written with no framework layer in between, against the bare app. Each ratio is a
 * ceiling for the API scenario named beside it, which does all of that and more (geolocation, the IP
 * screen, guards, metrics, log context, and for its route the real work):
 * - pipeline-floor: GET /health/live, the ceiling for health-live and edge-100k;
 * - auth-me-floor: GET /api/v1/auth/me with a bearer token checked as the API checks it, answered with
 *   the API's own body for that user, stored: the ceiling for auth-me;
 * - invoices-list-floor: the same for GET /api/v1/invoices?limit=20 of the seeded organization (the
 *   API's own page, stored, as a cache hit with nothing to compute would send it): the ceiling for
 *   invoices-list-cached.
 * Run them beside the API's scenarios to see how far the API is from its floor, and whether a target
 * above the floor can be met at all.
 */
/* global fetch, Buffer */
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');
const { execFile } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { promisify } = require('node:util');
const { freePort } = require('../lib/free-port');
const { LIST, login, seeded } = require('../lib/invoice-fixture');
const { metric, withMetrics } = require('../lib/metrics');
const { startServer, stopServer } = require('../lib/server-process');

const ROOT = join(__dirname, '..', '..');
const CLI_ENTRY = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
const HOST = '127.0.0.1';

/** A SQLite database with the API's schema, made by the API's own migrations (the CLI). */
async function migratedDatabase(dir) {
  const file = join(dir, 'floor.sqlite');
  await promisify(execFile)(process.execPath, [CLI_ENTRY, 'migration:run'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `sqlite:${file}`, REDIS_URL: '' },
    timeout: 120_000,
  });
  return file;
}

/** The API's answer to GET `path` with `token`, exactly as sent. */
async function answerOf(ctx, path, token) {
  const response = await fetch(`${ctx.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 300)}`);
  return body;
}

/**
 * What the floor serves for one of the API's authenticated reads: the API's body for `path`, and the
 * API's token for that user signed again with the floor's own key (same claims, same length).
 */
async function storedAnswer(ctx, path, apiToken) {
  const secret = randomBytes(36).toString('base64url');
  const claims = jwt.decode(apiToken);
  return {
    path,
    answers: { [path]: await answerOf(ctx, path, apiToken) },
    token: jwt.sign(claims, secret, { algorithm: 'HS256' }),
    env: { FLOOR_JWT_SECRET: secret, FLOOR_JWT_ISSUER: claims.iss, FLOOR_JWT_AUDIENCE: claims.aud },
  };
}

async function newUserToken(ctx) {
  const email = `floor-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}@example.com`;
  const response = await fetch(`${ctx.apiUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'violet-otter-drives-42-trams', name: 'Floor User', organizationName: 'Floor Org' }),
  });
  if (response.status !== 201) throw new Error(`register answered ${response.status}: ${await response.text()}`);
  return (await response.json()).accessToken;
}

/** A floor scenario: `prepare(ctx)` says what the floor serves ({ path, answers?, token?, env? }). */
function floorScenario({ name, description, prepare }) {
  const scenario = {
    name,
    description,
    async run(ctx) {
      const dir = mkdtempSync(join(os.tmpdir(), 'nexus-floor-'));
      let server;
      try {
        const { path, answers, token, env = {} } = await prepare(ctx);
        const database = await migratedDatabase(dir);
        const answersFile = join(dir, 'answers.json');
        writeFileSync(answersFile, JSON.stringify(answers ?? {}));
        const port = await freePort(HOST);
        server = await startServer({
          name: 'floor',
          script: join(__dirname, '..', 'floor-app.js'),
          cwd: ROOT,
          env: { ...process.env, ...env, PORT: String(port), HOST, FLOOR_DATABASE: database, FLOOR_ANSWERS: answersFile },
          readyUrl: `http://${HOST}:${port}/health/live`,
          verbose: process.env.BENCH_VERBOSE === '1',
        });
        const headers = token ? { authorization: `Bearer ${token}` } : undefined;
        if (answers) {
          const served = await fetch(`http://${HOST}:${port}${path}`, { headers });
          const body = await served.text();
          if (served.status !== 200 || body !== answers[path])
            throw new Error(`the floor answered ${path} with ${served.status}: ${body.slice(0, 200)}`);
        }
        const result = await ctx.compare(
          { name, target: 0 },
          {
            candidate: { url: `http://${HOST}:${port}${path}`, headers, pid: server.child.pid },
            baseline: { url: `${ctx.baselineUrl}/health/live`, pid: ctx.baselinePid },
          },
        );
        await stopServer(server); // writes what is still buffered
        const { rows } = new Database(database, { readonly: true }).prepare('SELECT COUNT(*) AS rows FROM request_logs').get();
        const served = result.runs.candidate.reduce((total, run) => total + run.requests, 0);
        const metrics = [
          metric('request-log rows written by the floor', rows, 'rows', { detail: `${served} requests measured, plus warm-ups` }),
        ];
        if (answers)
          metrics.push(metric('answer size', Buffer.byteLength(answers[path]), 'bytes', { detail: `the API's body for ${path}` }));
        const reported = withMetrics({ ...result, target: undefined }, metrics);
        if (rows < served) reported.problems.push(`the floor wrote ${rows} request-log rows for ${served} measured requests`);
        reported.pass = reported.problems.length === 0;
        return reported;
      } finally {
        if (server) await stopServer(server);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return scenario;
}

module.exports = [
  floorScenario({
    name: 'pipeline-floor',
    description: 'the bare app plus only headers, request id, rate-limit counter and request-log row (bench/floor-app.js) vs the bare app',
    prepare: async () => ({ path: '/health/live' }),
  }),
  floorScenario({
    name: 'auth-me-floor',
    description: "the floor plus a bearer-token check, answering GET /api/v1/auth/me with the API's stored body; the ceiling for auth-me",
    prepare: async (ctx) => storedAnswer(ctx, '/api/v1/auth/me', await newUserToken(ctx)),
  }),
  floorScenario({
    name: 'invoices-list-floor',
    description: `the floor plus a bearer-token check, answering GET ${LIST} with the API's stored page; the ceiling for invoices-list-cached`,
    prepare: async (ctx) => {
      const { email } = await seeded(ctx);
      return storedAnswer(ctx, LIST, await login(ctx, email));
    },
  }),
];
