/* global setInterval, setImmediate, Buffer */
// The pipeline floor: the bare app (bare-app.js) plus only the per-request work the issues require of
// every API route, each written as cheaply as we know how, with no framework in between:
//   - the API's security headers (the same set, computed once from dist/) and an X-Request-Id (a UUID);
//   - a rate-limit counter per client IP (fixed window, in memory) and its RateLimit/RateLimit-Policy headers;
//   - one request-log row per response, written to the API's own request_logs table (SQLite, the API's
//     migrations and pragmas) with a cached multi-row INSERT of 500 rows per statement, one transaction per flush.
// Left out, so the floor is an upper bound for the API: geolocation, the IP rule screen, Nest guards and
// interceptors, metrics, and the request id on log lines.
// With FLOOR_ANSWERS (a JSON file of { "<path and query>": "<body>" }, the API's own answers) it also serves
// those paths under /api/v1, each the floor of an authenticated cached read: a bearer token checked as the API
// checks it (HS256 with iss, aud and exp against FLOOR_JWT_SECRET, a verified token remembered until it
// expires), then the stored JSON as is, as a cache hit with nothing to compute would send it.
// Usage: PORT=3002 FLOOR_DATABASE=/tmp/floor.sqlite node bench/floor-app.js  (the database already migrated)
require('reflect-metadata');
const { createSecretKey, randomUUID } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const jwt = require('jsonwebtoken');
const Database = require('better-sqlite3');
const { Controller, Get, Header, Module, Req } = require('@nestjs/common');
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

const answers = new Map(Object.entries(process.env.FLOOR_ANSWERS ? JSON.parse(readFileSync(process.env.FLOOR_ANSWERS, 'utf8')) : {}));

class StoredAnswersController {}
for (const path of ['auth/me', 'invoices']) {
  // A function of its own per route: Nest keeps a route's metadata on the handler function.
  const method = path.replace('/', '_');
  StoredAnswersController.prototype[method] = (request) => answers.get(request.url);
  const descriptor = Object.getOwnPropertyDescriptor(StoredAnswersController.prototype, method);
  Reflect.decorate(
    [Get(path), Header('content-type', 'application/json; charset=utf-8')],
    StoredAnswersController.prototype,
    method,
    descriptor,
  );
  Req()(StoredAnswersController.prototype, method, 0);
}
Reflect.decorate([Controller('api/v1')], StoredAnswersController);

class FloorModule {}
Reflect.decorate([Module({ controllers: [HealthController, StoredAnswersController] })], FloorModule);

/** The API's check of a bearer token (libs/auth/src/tokens/access-token.reader.ts): verified once, then remembered until it expires. */
function accessTokens() {
  const key = createSecretKey(Buffer.from(process.env.FLOOR_JWT_SECRET ?? randomUUID(), 'utf8'));
  const options = { algorithms: ['HS256'], issuer: process.env.FLOOR_JWT_ISSUER, audience: process.env.FLOOR_JWT_AUDIENCE };
  const verified = new Map(); // token -> expiry (ms)
  return (authorization) => {
    if (!authorization?.startsWith('Bearer ')) return false;
    const token = authorization.slice(7);
    const expires = verified.get(token);
    if (expires !== undefined) return expires > Date.now();
    try {
      const claims = jwt.verify(token, key, options);
      if (typeof claims.exp !== 'number') return false;
      verified.set(token, claims.exp * 1000);
      return true;
    } catch {
      return false;
    }
  };
}

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
  const authorized = accessTokens();
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
    if (request.url.startsWith('/api/') && !authorized(request.headers.authorization)) {
      reply.code(401).type('application/problem+json').send('{"type":"about:blank","title":"Unauthorized","status":401}');
      return;
    }
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
