/**
 * pipeline-floor (reported, no target): bench/floor-app.js, the bare app plus only the per-request work
 * the issues require of every route (security headers, a request id, a rate-limit counter, a request-log
 * row in SQLite), hand-written with no framework layer in between, against the bare app. Its ratio is a
 * ceiling: no full-pipeline scenario of the API (health-live, edge-100k) can beat it on this machine,
 * because the API does all of that and more (geolocation, the IP screen, guards, metrics, log context).
 * Run it beside health-live to see how far the API is from the floor, and whether a target above the
 * floor can be met at all.
 */
const Database = require('better-sqlite3');
const { execFile } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { promisify } = require('node:util');
const { freePort } = require('../lib/free-port');
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

const scenario = {
  name: 'pipeline-floor',
  description: 'the bare app plus only headers, request id, rate-limit counter and request-log row (bench/floor-app.js) vs the bare app',
  async run(ctx) {
    const dir = mkdtempSync(join(os.tmpdir(), 'nexus-floor-'));
    let server;
    try {
      const database = await migratedDatabase(dir);
      const port = await freePort(HOST);
      server = await startServer({
        name: 'floor',
        script: join(__dirname, '..', 'floor-app.js'),
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), HOST, FLOOR_DATABASE: database },
        readyUrl: `http://${HOST}:${port}/health/live`,
        verbose: process.env.BENCH_VERBOSE === '1',
      });
      const result = await ctx.compare(
        { name: scenario.name, target: 0 },
        {
          candidate: { url: `http://${HOST}:${port}/health/live`, pid: server.child.pid },
          baseline: { url: `${ctx.baselineUrl}/health/live`, pid: ctx.baselinePid },
        },
      );
      await stopServer(server); // writes what is still buffered
      const { rows } = new Database(database, { readonly: true }).prepare('SELECT COUNT(*) AS rows FROM request_logs').get();
      const served = result.runs.candidate.reduce((total, run) => total + run.requests, 0);
      const reported = withMetrics({ ...result, target: undefined }, [
        metric('request-log rows written by the floor', rows, 'rows', { detail: `${served} requests measured, plus warm-ups` }),
      ]);
      if (rows < served) reported.problems.push(`the floor wrote ${rows} request-log rows for ${served} measured requests`);
      reported.pass = reported.problems.length === 0;
      return reported;
    } finally {
      if (server) await stopServer(server);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

module.exports = scenario;
