const { measure, positiveIntFromEnv } = require('./load');

const DEFAULT_ROUNDS = positiveIntFromEnv('BENCH_ROUNDS', 2);
/** Runs of one side differing by more than this suggest something else was using the CPU. */
const NOISY_SPREAD = 0.15;

/**
 * Measures baseline and candidate alternately (B, C, B, C, …) and keeps the
 * best run of each, so a noisy moment on a small machine hurts neither side
 * more than the other. Builds the scenario's result from the two.
 *
 * `allowNon2xx` lets a scenario measure, say, 304s; otherwise any non-2xx or
 * socket error marks the run invalid, as it would not measure the real path.
 * Give each side a `pid` to get the servers' CPU time per request as well.
 */
async function compareToBaseline(scenario, { candidate, baseline, rounds = DEFAULT_ROUNDS, allowNon2xx = false, log = () => {} }) {
  const runs = { candidate: [], baseline: [] };
  for (let round = 1; round <= rounds; round += 1) {
    for (const [side, options] of [
      ['baseline', baseline],
      ['candidate', candidate],
    ]) {
      const run = await measure(options);
      log(`${scenario.name} round ${round}/${rounds} ${side}: ${run.rps} req/s, p99 ${run.p99} ms`);
      runs[side].push(run);
    }
  }
  const best = { candidate: bestOf(runs.candidate), baseline: bestOf(runs.baseline) };
  const problems = [...runProblems('candidate', runs.candidate, allowNon2xx), ...runProblems('baseline', runs.baseline, allowNon2xx)];
  const ratio = best.baseline.rps > 0 ? round3(best.candidate.rps / best.baseline.rps) : 0;
  const cpu = cpuPerRequest(runs);
  const spread = { candidate: spreadOf(runs.candidate), baseline: spreadOf(runs.baseline) };
  for (const [side, value] of Object.entries(spread)) {
    if (value > NOISY_SPREAD)
      log(`⚠ ${scenario.name}: ${side} runs differ by ${Math.round(value * 100)}%: the machine was busy, numbers are noisy`);
  }
  return {
    name: scenario.name,
    candidate: best.candidate,
    baseline: best.baseline,
    ratio,
    target: scenario.target,
    pass: problems.length === 0 && ratio >= scenario.target,
    problems,
    spread,
    ...(cpu ? { cpu } : {}),
    runs,
  };
}

/**
 * Server CPU µs per request, lowest run of each side (when both sides gave a `pid`), and
 * `ratio = baseline / candidate`: the req/s ratio the two would reach if only their own CPU counted.
 */
function cpuPerRequest(runs) {
  const lowest = (side) => {
    const values = runs[side].map((r) => r.cpuUsPerRequest).filter((v) => typeof v === 'number');
    return values.length > 0 ? Math.min(...values) : null;
  };
  const [candidate, baseline] = [lowest('candidate'), lowest('baseline')];
  if (candidate === null || baseline === null || candidate === 0) return null;
  return { candidate, baseline, ratio: round3(baseline / candidate) };
}

/** Highest throughput; p99 is the lowest seen, each side judged at its best. */
function bestOf(runs) {
  return {
    rps: Math.max(...runs.map((r) => r.rps)),
    p99: Math.min(...runs.map((r) => r.p99)),
  };
}

/** (best - worst) / worst req/s across the runs of one side. */
function spreadOf(runs) {
  const rps = runs.map((r) => r.rps);
  const worst = Math.min(...rps);
  return worst > 0 ? round3(Math.max(...rps) / worst - 1) : 0;
}

function runProblems(side, runs, allowNon2xx) {
  const problems = [];
  const sum = (key) => runs.reduce((total, run) => total + run[key], 0);
  const empty = runs.filter((run) => run.requests === 0).length;
  if (empty > 0) problems.push(`${side}: ${empty} run(s) completed no request (the server did not answer in time)`);
  if (sum('errors') > 0) problems.push(`${side}: ${sum('errors')} socket errors (${sum('timeouts')} timeouts)`);
  if (!allowNon2xx && sum('non2xx') > 0) problems.push(`${side}: ${sum('non2xx')} non-2xx responses`);
  return problems;
}

function round3(value) {
  return Math.round(value * 1000) / 1000;
}

module.exports = { compareToBaseline };
