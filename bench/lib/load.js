const autocannon = require('autocannon');

/** Load settings shared by every measurement; env overrides for quick or long runs. */
const LOAD_DEFAULTS = Object.freeze({
  connections: positiveIntFromEnv('BENCH_CONNECTIONS', 50),
  duration: positiveIntFromEnv('BENCH_DURATION', 10),
  warmup: positiveIntFromEnv('BENCH_WARMUP', 2),
  pipelining: 1,
});

function positiveIntFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}: expected a positive integer, got "${raw}"`);
  return value;
}

/**
 * One autocannon run in this process: a warm-up (not measured), then the
 * measured run. `options` are autocannon's (`url`, `method`, `headers`,
 * `body`, `requests`, …). Returns mean req/s, p99 and max latency in ms, plus
 * the counts that tell whether the run is trustworthy.
 */
async function measure(options) {
  const { connections, duration, warmup, pipelining } = { ...LOAD_DEFAULTS, ...options };
  const result = await autocannon({
    pipelining,
    ...options,
    connections,
    duration,
    warmup: { connections, duration: warmup },
  });
  return {
    rps: Math.round(result.requests.mean),
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

module.exports = { measure, positiveIntFromEnv, LOAD_DEFAULTS };
