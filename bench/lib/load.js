const { readFileSync } = require('node:fs');
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
 * `body`, `requests`, …) plus, optionally, `pid`: the server's process id, to
 * also measure the server's CPU time per request. Returns mean req/s, p99 and
 * max latency in ms, CPU µs per request (or null), and the counts that tell
 * whether the run is trustworthy.
 */
async function measure({ pid, ...options }) {
  const { connections, duration, warmup, pipelining } = { ...LOAD_DEFAULTS, ...options };
  const run = { pipelining, ...options, connections };
  let result;
  let cpuUsPerRequest = null;
  if (!pid || cpuMs(pid) === null) {
    result = await autocannon({ ...run, duration, warmup: { connections, duration: warmup } });
  } else {
    // The same warm-up, run separately so the CPU reading covers the measured requests only.
    await autocannon({ ...run, duration: warmup });
    const start = cpuMs(pid);
    result = await autocannon({ ...run, duration });
    const end = cpuMs(pid);
    if (start !== null && end !== null && result.requests.total > 0)
      cpuUsPerRequest = round1(((end - start) * 1000) / result.requests.total);
  }
  return {
    rps: Math.round(result.requests.mean),
    p99: result.latency.p99,
    max: result.latency.max,
    cpuUsPerRequest,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * User + system CPU time of a process in ms, from /proc (Linux; null elsewhere). Steadier than req/s on
 * a busy machine: another process taking the CPU delays the server but barely changes its work per request.
 */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** USER_HZ: 100 on every Linux the benchmark runs on (utime/stime are in these ticks). */
const CLOCK_TICKS = 100;

function round1(value) {
  return Math.round(value * 10) / 10;
}

module.exports = { measure, positiveIntFromEnv, LOAD_DEFAULTS };
