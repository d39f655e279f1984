const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const COLUMNS = [
  ['scenario', (r) => r.name],
  ['api req/s', (r) => r.candidate?.rps ?? '-'],
  ['bare req/s', (r) => r.baseline?.rps ?? '-'],
  ['ratio', (r) => (r.ratio === undefined ? '-' : r.ratio.toFixed(3))],
  ['api p99 ms', (r) => r.candidate?.p99 ?? '-'],
  ['bare p99 ms', (r) => r.baseline?.p99 ?? '-'],
  ['target', (r) => `≥ ${r.target}`],
  ['result', (r) => (r.pass ? 'PASS' : 'FAIL')],
];

/** A plain-text table, one row per scenario, followed by any problem notes. */
function formatTable(results) {
  const rows = [COLUMNS.map(([title]) => title), ...results.map((r) => COLUMNS.map(([, cell]) => String(cell(r))))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const notes = results.flatMap((r) => (r.problems ?? []).map((p) => `  ${r.name}: ${p}`));
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), ...notes].join('\n');
}

/** Writes `<dir>/<timestamp>.json` and returns its path. */
function writeResults(dir, payload) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${payload.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
  return file;
}

module.exports = { formatTable, writeResults };
