/**
 * Anomaly detection at scale (issue 6): the `analyze-window` job over an hour
 * of 1,000,000 request-log rows from 50,000 IPs, against a plain
 * `SELECT ip, COUNT(*) … GROUP BY ip` over the same window, in the same run.
 * Target: the job within 1.5× the plain query (reported as plain / job ≥ 0.667).
 *
 * The job is started with POST /api/v1/security/analysis (as an operator the
 * scenario writes into the database) and timed until GET …/analysis/:jobId
 * says completed; the API runs the job itself (WORKER_IN_PROCESS=true). It
 * does everything a scheduled run does: every rule, exact sensitive-path
 * matching, samples, about 80 findings and 15 bans, and the baseline upsert
 * of all 50,000 IPs. The plain query is run before (to warm the cache)
 * and after the job; the faster run counts.
 *
 * The target is for MariaDB: `BENCH_MODE=services npm run bench -- anomaly-window`.
 */
/* global URL */
const { performance } = require('node:perf_hooks');
const { setTimeout: sleep } = require('node:timers/promises');
const { requestJson } = require('../lib/http');
const { metric, withMetrics } = require('../lib/metrics');
const { REQUEST_LOG_COLUMNS: LOG_COLUMNS } = require('../lib/request-log-columns');
// The root the request-log buffer stores with each row (the bench runs on a build).
const { pathRoot } = require('../../dist/libs/ip-tracking/src/request-log/request-path');

const API = 'anomaly-1m';
const ROWS = 1_000_000;
const IPS = 50_000;
const CHUNK = 50_000;
const HOUR_MS = 3_600_000;
const OPERATOR = { email: 'bench-operator@example.com', password: 'bench-operator-passphrase-2026' };
const SCANNER_PATHS = ['/.env', '/wp-login.php', '/.git/config', '/phpmyadmin/', '/admin', '/backup.zip', '/cgi-bin/test'];
const TARGET = 1 / 1.5;

/** The clock hour two hours before the run: complete, and older than anything the API logs itself. */
function benchWindow() {
  const to = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS;
  return { from: new Date(to - HOUR_MS), to: new Date(to) };
}

/** How every driver here reads a UTC instant (TypeORM's SQLite format, accepted by MariaDB and PostgreSQL). */
const sqlTime = (date) => date.toISOString().replace('T', ' ').replace('Z', '');

const ipOf = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** Attackers take every 101st row (101 is prime to the 50,000 IPs, so every ordinary IP keeps its rows). */
const ATTACKER_EVERY = 101;

/**
 * Row n: about 20 requests per IP, spread over the hour, ~500 API paths, some
 * 404s; and three kinds of attacker, each about 1 % of the rows: 50 heavy
 * clients (~200 requests: volume), 10 scanners (sensitive paths and 404
 * probing) and 5 credential stuffers, the last two banned.
 */
function logRow(n, window) {
  const occurredAt = sqlTime(new Date(window.from.getTime() + Math.floor((n * HOUR_MS) / ROWS)));
  let ip = ipOf(n % IPS);
  let path = `/api/v1/invoices/${n % 500}`;
  let status = n % 23 === 0 ? 404 : 200;
  let authFailure = null;
  const attacker = Math.floor(n / ATTACKER_EVERY);
  if (n % ATTACKER_EVERY === 0) ip = ipOf(IPS + (attacker % 50));
  if (n % ATTACKER_EVERY === 1) {
    ip = ipOf(IPS + 100 + (attacker % 10));
    path = attacker % 3 === 0 ? SCANNER_PATHS[attacker % SCANNER_PATHS.length] : `/probe-${attacker % 997}`;
    status = 404;
  }
  if (n % ATTACKER_EVERY === 2) {
    ip = ipOf(IPS + 200 + (attacker % 5));
    path = '/api/v1/auth/login';
    status = 401;
    authFailure = 'wrong_password';
  }
  return [occurredAt, ip, 'GET', path, pathRoot(path), null, status, 3, 'bench', null, null, null, null, 0, 0, authFailure];
}

async function seed(db, window, log) {
  const started = performance.now();
  for (let offset = 0; offset < ROWS; offset += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, ROWS - offset) }, (_, i) => logRow(offset + i, window));
    await db.insertRows('request_logs', LOG_COLUMNS, rows);
  }
  const argon2 = require('argon2');
  const hash = await argon2.hash(OPERATOR.password, { type: argon2.argon2id });
  await db.insertRows(
    'users',
    ['id', 'email', 'name', 'password_hash', 'status', 'platform_role'],
    [[require('node:crypto').randomUUID(), OPERATOR.email, 'Bench Operator', hash, 'active', 'operator']],
  );
  log(`anomaly-window: seeded ${ROWS} request-log rows from ${IPS} IPs in ${Math.round((performance.now() - started) / 1000)} s`);
}

/** The plain query, straight on the database, fetched in full as the job fetches its rows; returns milliseconds. */
async function plainGroupBy(databaseUrl, window) {
  const sql = 'SELECT ip, COUNT(*) AS n FROM request_logs WHERE occurred_at >= ? AND occurred_at < ? GROUP BY ip';
  const params = [sqlTime(window.from), sqlTime(window.to)];
  if (databaseUrl.startsWith('sqlite:')) {
    const Database = require('better-sqlite3');
    const db = new Database(databaseUrl.slice('sqlite:'.length), { readonly: true });
    try {
      const started = performance.now();
      const rows = db.prepare(sql).all(...params);
      return { ms: performance.now() - started, groups: rows.length };
    } finally {
      db.close();
    }
  }
  if (/^postgres(ql)?:/.test(databaseUrl)) {
    const { Client } = require('pg');
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const started = performance.now();
      const result = await client.query(sql.replace('?', '$1').replace('?', '$2'), params);
      return { ms: performance.now() - started, groups: result.rows.length };
    } finally {
      await client.end();
    }
  }
  const mysql = require('mysql2/promise');
  const connection = await mysql.createConnection(databaseUrl.replace(/^mariadb:/, 'mysql:'));
  try {
    const started = performance.now();
    const [rows] = await connection.query(sql, params);
    return { ms: performance.now() - started, groups: rows.length };
  } finally {
    await connection.end();
  }
}

async function timedAnalysis(apiUrl, token, window) {
  const headers = { authorization: `Bearer ${token}` };
  const started = performance.now();
  const { jobId } = await requestJson(`${apiUrl}/api/v1/security/analysis`, {
    method: 'POST',
    headers,
    body: { from: window.from.toISOString(), to: window.to.toISOString() },
    expect: 202,
  });
  for (;;) {
    const status = await requestJson(`${apiUrl}/api/v1/security/analysis/${encodeURIComponent(jobId)}`, { headers });
    if (status.state === 'completed') return { ms: performance.now() - started, result: status.result };
    if (status.state === 'failed') throw new Error(`analysis job failed: ${status.failedReason}`);
    await sleep(10);
  }
}

const scenario = {
  name: 'anomaly-window',
  description: `analyze-window over ${ROWS} request-log rows from ${IPS} IPs vs a plain GROUP BY ip (job ≤ 1.5× the query)`,
  target: Number(TARGET.toFixed(3)),
  apis: [API],
  async run(ctx) {
    const window = benchWindow();
    let databaseUrl;
    const api = await ctx.api(API, {
      env: { WORKER_IN_PROCESS: 'true' },
      prepare: async (db) => {
        databaseUrl = db.url;
        await seed(db, window, ctx.log);
      },
    });
    const { accessToken } = await requestJson(`${api.url}/api/v1/auth/login`, { method: 'POST', body: OPERATOR });
    const before = await plainGroupBy(databaseUrl, window);
    const job = await timedAnalysis(api.url, accessToken, window);
    const after = await plainGroupBy(databaseUrl, window);
    const plainMs = Math.min(before.ms, after.ms);
    const ratio = plainMs / job.ms;
    const problems = [];
    if (before.groups < IPS)
      problems.push(`the plain query saw ${before.groups} IPs, expected at least ${IPS}: the seed is not in the window`);
    if (job.result.findings === 0) problems.push('the job recorded no findings: the seed is not in the window');
    ctx.log(`anomaly-window: job ${Math.round(job.ms)} ms, plain GROUP BY ${Math.round(plainMs)} ms (${(job.ms / plainMs).toFixed(2)}×)`);
    return withMetrics(
      {
        name: scenario.name,
        target: scenario.target,
        ratio,
        pass: ratio >= scenario.target && problems.length === 0,
        problems,
        notes: [
          `job ${Math.round(job.ms)} ms vs plain query ${Math.round(plainMs)} ms: the job takes ${(job.ms / plainMs).toFixed(2)}× the query (target ≤ 1.5×)`,
          ctx.mode === 'services'
            ? `database: ${new URL(databaseUrl).protocol.replace(':', '')}`
            : 'SQLite; the target is for MariaDB: BENCH_MODE=services',
        ],
      },
      [
        metric('analyze-window job', job.ms, 'ms', { detail: `${job.result.findings} findings, ${job.result.bans} bans` }),
        metric('plain GROUP BY ip', plainMs, 'ms', {
          detail: `${before.groups} groups; runs: ${Math.round(before.ms)} and ${Math.round(after.ms)} ms`,
        }),
      ],
    );
  },
};

module.exports = scenario;
