/**
 * Numbers a scenario reports beside its ratio: timings with no target (argon2,
 * geolocation) or a count with its own target (request-log rows per insert).
 * A metric with a `target` passes when `value >= target`.
 */
function metric(name, value, unit, { target, detail } = {}) {
  const entry = { name, value: round(value), unit };
  if (target !== undefined) Object.assign(entry, { target, pass: Number.isFinite(value) && value >= target });
  if (detail !== undefined) entry.detail = detail;
  return entry;
}

/** The scenario's result with its metrics; it passes only if every metric with a target does too. */
function withMetrics(result, metrics) {
  const missed = metrics.filter((m) => m.pass === false);
  return {
    ...result,
    metrics: [...(result.metrics ?? []), ...metrics],
    pass: result.pass && missed.length === 0,
    problems: [...(result.problems ?? []), ...missed.map((m) => `${m.name}: ${m.value} ${m.unit}, below the target of ${m.target}`)],
  };
}

/** Mean, min and max of a list of numbers (ms, ns, …). */
function summarize(values) {
  const mean = values.reduce((total, value) => total + value, 0) / values.length;
  return { mean: round(mean), min: round(Math.min(...values)), max: round(Math.max(...values)), n: values.length };
}

/** Three significant decimals at most, so the table and the JSON stay readable. */
function round(value) {
  if (!Number.isFinite(value)) return value;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return Number(value.toFixed(digits));
}

module.exports = { metric, withMetrics, summarize };
