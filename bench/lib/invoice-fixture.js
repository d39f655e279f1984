/* global fetch */
/**
 * The organization the invoice scenarios (and the invoice floor) read: one customer and BENCH_INVOICES
 * drafts of varied totals (10,000 by default), seeded through the API once per bench run and shared
 * by every scenario that asks for it.
 */
const { randomBytes } = require('node:crypto');
const { positiveIntFromEnv } = require('../lib/load');

const INVOICES = positiveIntFromEnv('BENCH_INVOICES', 10_000);
const SEED_CONCURRENCY = 32;
const PASSWORD = 'violet-otter-drives-42-trams';
const LIST = '/api/v1/invoices?limit=20';

async function call(apiUrl, method, path, { token, body } = {}) {
  const headers = {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const response = await fetch(`${apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (response.status === 429) throw new Error(`${method} ${path} was rate limited (429): raise RATE_LIMIT_DEFAULT for benchmarks`);
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at once; returns the results in order. */
async function pool(count, concurrency, task) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

let fixture;

/** One organization with a customer and INVOICES drafts of varied totals; built once per run. */
function seeded(ctx) {
  fixture ??= (async () => {
    const email = `bench-${randomBytes(6).toString('hex')}@example.com`;
    const session = await call(ctx.apiUrl, 'POST', '/api/v1/auth/register', {
      body: { email, password: PASSWORD, name: 'Bench Owner', organizationName: 'Bench Engines' },
    });
    const token = session.accessToken;
    const customer = await call(ctx.apiUrl, 'POST', '/api/v1/customers', { token, body: { name: 'Bench Customer', currency: 'USD' } });
    const started = Date.now();
    await pool(INVOICES, SEED_CONCURRENCY, (i) =>
      call(ctx.apiUrl, 'POST', '/api/v1/invoices', {
        token,
        body: { customerId: customer.id, lines: [{ description: `Seed line ${i}`, quantity: '1', unitAmount: 1000 + (i % 5000) }] },
      }),
    );
    ctx.log(`seeded ${INVOICES} invoices in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { email, token, customerId: customer.id };
  })();
  return fixture;
}

/** A fresh access token (a run can outlast one). */
async function login(ctx, email) {
  return (await call(ctx.apiUrl, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } })).accessToken;
}

module.exports = { INVOICES, LIST, SEED_CONCURRENCY, call, login, pool, seeded };
