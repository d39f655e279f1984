/* global setInterval, setImmediate */
// The pipeline floor: the bare app (bare-app.js) plus only the per-request work the issues require of
// every API route, each written as cheaply as we know how, with no framework in between:
//   - the API's security headers (the same set, computed once from dist/) and an X-Request-Id (a UUID);
//   - a rate-limit counter per client IP (fixed window, in memory) and its RateLimit/RateLimit-Policy headers;
//   - one request-log row per response, written to the API's own request_logs table (SQLite, the API's
//     migrations and pragmas) with a cached multi-row INSERT of 500 rows per statement, one transaction per flush.
// Left out, so the floor is an upper bound for the API: geolocation, the IP rule screen, the access-token
// guard, Nest guards and interceptors, metrics, and the request id on log lines.
// Usage: PORT=3002 FLOOR_DATABASE=/tmp/floor.sqlite node bench/floor-app.js  (the database already migrated)
require('reflect-metadata');
const { randomUUID } = require('node:crypto');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const { Controller, Get, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');
const { REQUEST_LOG_COLUMNS: COLUMNS } = require('./lib/request-log-columns');
const { securityHeaders } = require(join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'http', 'security-headers.js'));

const BATCH = 500;
const FLUSH_INTERVAL_MS = 1000;
const WINDOW_MS = 60_000;
const LIMIT = 1_000_000_000;

class HealthController {
  live() {
    return { status: 'ok' };
  }
}
Reflect.decorate([Get('live')], HealthController.prototype, 'live', Object.getOwnPropertyDescriptor(HealthController.prototype, 'live'));
Reflect.decorate([Controller('health')], HealthController);

class FloorModule {}
Reflect.decorate([Module({ controllers: [HealthController] })], FloorModule);

/** Rows buffered per response, written BATCH at a time (and the rest every second) in one transaction. */
function requestLog(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
  const statements = new Map();
  const statement = (rows) => {
    if (!statements.has(rows)) {
      statements.set(rows, db.prepare(`INSERT INTO request_logs (${COLUMNS.join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}`));
    }
    return statements.get(rows);
  };
  let values = [];
  let scheduled = false;
  const write = db.transaction((all) => {
    const width = COLUMNS.length;
    for (let start = 0; start < all.length; start += BATCH * width) {
      const chunk = all.slice(start, start + BATCH * width);
      statement(chunk.length / width).run(chunk);
    }
  });
  const flush = () => {
    scheduled = false;
    if (values.length === 0) return;
    const all = values;
    values = [];
    write(all);
  };
  setInterval(flush, FLUSH_INTERVAL_MS).unref();
  return {
    add(row) {
      values.push(...row);
      if (!scheduled && values.length >= BATCH * COLUMNS.length) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    close: () => (flush(), db.close()),
  };
}

async function main() {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 3002);
  const host = process.env.HOST ?? '127.0.0.1';
  const log = requestLog(process.env.FLOOR_DATABASE);
  const app = await NestFactory.create(FloorModule, new FastifyAdapter({ logger: false, genReqId: () => randomUUID() }), { logger: false });
  const fastify = app.getHttpAdapter().getInstance();
  const headers = securityHeaders();
  const windows = new Map(); // ip -> { count, resetAt }
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    reply.header('x-request-id', request.id);
    const now = Date.now();
    let window = windows.get(request.ip);
    if (!window || window.resetAt <= now) windows.set(request.ip, (window = { count: 0, resetAt: now + WINDOW_MS }));
    window.count += 1;
    const seconds = Math.ceil((window.resetAt - now) / 1000);
    reply.header('ratelimit-policy', `"default";q=${LIMIT};w=${WINDOW_MS / 1000}`);
    reply.header('ratelimit', `"default";r=${Math.max(0, LIMIT - window.count)};t=${seconds}`);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?')[0];
    const agent = request.headers['user-agent'];
    // In REQUEST_LOG_COLUMNS' order.
    log.add([
      new Date().toISOString().replace('T', ' ').slice(0, 23),
      request.ip,
      request.method,
      path,
      path.split('/')[1] ?? null,
      request.routeOptions.url ?? null,
      reply.statusCode,
      Math.round(reply.elapsedTime),
      agent ?? null,
      null,
      null,
      null,
      null,
      0,
      0,
      null,
    ]);
    done();
  });
  fastify.addHook('onClose', (_instance, done) => (log.close(), done()));
  app.enableShutdownHooks();
  await app.listen({ port, host });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
