const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const COLUMNS = [
  ['scenario', (r) => r.name],
  ['api req/s', (r) => r.candidate?.rps ?? '-'],
  ['base req/s', (r) => r.baseline?.rps ?? '-'],
  ['ratio', (r) => (r.ratio === undefined ? '-' : r.ratio.toFixed(3))],
  ['api p99 ms', (r) => r.candidate?.p99 ?? '-'],
  ['base p99 ms', (r) => r.baseline?.p99 ?? '-'],
  ['target', (r) => (r.target === undefined ? '-' : `≥ ${r.target}`)],
  ['result', (r) => (!r.pass ? 'FAIL' : r.target === undefined ? 'INFO' : 'PASS')],
];

/**
 * A plain-text table, one row per scenario, then each scenario's extra metrics
 * (with their own target and verdict when they have one), notes and problems.
 */
function formatTable(results) {
  const rows = [COLUMNS.map(([title]) => title), ...results.map((r) => COLUMNS.map(([, cell]) => String(cell(r))))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const metrics = results.flatMap((r) => [
    ...(r.cpu ? [`  ${r.name}: ${formatCpu(r.cpu)}`] : []),
    ...(r.metrics ?? []).map((m) => `  ${r.name}: ${formatMetric(m)}`),
  ]);
  const notes = results.flatMap((r) => (r.notes ?? []).map((n) => `  ${r.name}: ${n}`));
  const problems = results.flatMap((r) => (r.problems ?? []).map((p) => `  ${r.name}: ${p}`));
  return [
    line(rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
    ...(metrics.length > 0 ? ['', 'Metrics:', ...metrics] : []),
    ...(notes.length > 0 ? ['', 'Notes:', ...notes] : []),
    ...(problems.length > 0 ? ['', 'Problems:', ...problems] : []),
  ].join('\n');
}

function formatMetric(m) {
  const verdict = m.target === undefined ? '' : `  (target ≥ ${m.target}: ${m.pass ? 'PASS' : 'FAIL'})`;
  return `${m.name}: ${m.value} ${m.unit}${m.detail ? ` [${m.detail}]` : ''}${verdict}`;
}

function formatCpu(cpu) {
  return `server CPU per request: candidate ${cpu.candidate} µs, baseline ${cpu.baseline} µs (baseline/candidate ${cpu.ratio.toFixed(3)})`;
}

/** Writes `<dir>/<timestamp>.json` and returns its path. */
function writeResults(dir, payload) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${payload.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
  return file;
}

module.exports = { formatTable, writeResults };
