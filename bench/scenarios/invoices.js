/**
 * Invoices against a seeded organization (BENCH_INVOICES invoices, 10,000 by default):
 * - invoices-list-cached: GET /api/v1/invoices?limit=20 served from the cache, vs the bare route (≥ 0.5);
 * - invoices-list-uncached: the same with `Cache-Control: no-cache`, so every request reads the database (reported);
 * - invoices-finalize: BENCH_FINALIZE_DRAFTS drafts finalized by 50 concurrent clients (reported), checking the
 *   numbers come out unique and contiguous.
 * Seeding and the measured runs are far above the default per-user rate limit; the harness pins the
 * limits out of reach (bench/lib/api-env.js). Smaller runs: BENCH_INVOICES=1000 BENCH_FINALIZE_DRAFTS=300.
 */
const { positiveIntFromEnv } = require('../lib/load');
const { INVOICES, LIST, SEED_CONCURRENCY, call, login, pool, seeded } = require('../lib/invoice-fixture');

const FINALIZE_DRAFTS = positiveIntFromEnv('BENCH_FINALIZE_DRAFTS', 2_000);
const FINALIZE_CLIENTS = 50;

const cached = {
  name: 'invoices-list-cached',
  description: `GET ${LIST} from the cache (organization with ${INVOICES} invoices) vs the bare route`,
  target: 0.5,
  async run(ctx) {
    const { email } = await seeded(ctx);
    const token = await login(ctx, email);
    await call(ctx.apiUrl, 'GET', LIST, { token });
    return ctx.compare(cached, {
      candidate: { url: `${ctx.apiUrl}${LIST}`, headers: { authorization: `Bearer ${token}` } },
      baseline: { url: `${ctx.baselineUrl}/health/live` },
    });
  },
};

const uncached = {
  name: 'invoices-list-uncached',
  description: `GET ${LIST} with Cache-Control: no-cache (every request reads the database); reported`,
  target: 0,
  async run(ctx) {
    const { email } = await seeded(ctx);
    const token = await login(ctx, email);
    return ctx.compare(uncached, {
      candidate: { url: `${ctx.apiUrl}${LIST}`, headers: { authorization: `Bearer ${token}`, 'cache-control': 'no-cache' } },
      baseline: { url: `${ctx.baselineUrl}/health/live` },
    });
  },
};

const finalize = {
  name: 'invoices-finalize',
  description: `${FINALIZE_DRAFTS} drafts finalized by ${FINALIZE_CLIENTS} concurrent clients; reported`,
  target: 0,
  async run(ctx) {
    const { email, customerId } = await seeded(ctx);
    const token = await login(ctx, email);
    const drafts = await pool(FINALIZE_DRAFTS, SEED_CONCURRENCY, () =>
      call(ctx.apiUrl, 'POST', '/api/v1/invoices', {
        token,
        body: { customerId, lines: [{ description: 'Finalize me', quantity: '1', unitAmount: 1234 }] },
      }),
    );
    const latencies = [];
    const started = process.hrtime.bigint();
    const numbers = await pool(drafts.length, FINALIZE_CLIENTS, async (i) => {
      const begin = process.hrtime.bigint();
      const invoice = await call(ctx.apiUrl, 'POST', `/api/v1/invoices/${drafts[i].id}/finalize`, { token });
      latencies.push(Number(process.hrtime.bigint() - begin) / 1e6);
      return invoice.number;
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((a, b) => a - b);
    const sequence = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    const contiguous = sequence.every((value, i) => value === sequence[0] + i);
    const rps = Math.round(drafts.length / seconds);
    ctx.log(`${finalize.name}: ${rps} finalizations/s, numbers ${contiguous ? 'unique and contiguous' : 'NOT contiguous'}`);
    return {
      name: finalize.name,
      candidate: { rps, p99: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0) },
      target: finalize.target,
      pass: contiguous,
      problems: contiguous ? [] : ['invoice numbers are not unique and contiguous'],
    };
  },
};

module.exports = [cached, uncached, finalize];
