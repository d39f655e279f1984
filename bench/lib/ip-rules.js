const { randomUUID } = require('node:crypto');

const COLUMNS = ['id', 'kind', 'target_type', 'target', 'reason', 'source', 'created_by', 'expires_at'];
/** Loopback, but not 127.0.0.1: requests sent from it (see http.statusFrom) must get 403 once the rules are in force. */
const PROBE_ADDRESS = '127.0.0.2';

/**
 * `count` distinct, canonical /24 block rules from 10.0.0.0/24 upwards, every
 * other /24 (10.0.0.0/24, 10.0.2.0/24, …), so no two touch and the matcher
 * keeps `count` separate ranges instead of merging them into one. 100,000
 * rules end in 13.13.62.0/24: none is in 127.0.0.0/8. Plus one rule on
 * PROBE_ADDRESS, to tell when the API has them in force.
 */
function blockRuleRows(count) {
  const rows = [];
  const first = 10 << 16; // 10.0.0.0/24 as a /24 number
  for (let i = 0; i < count; i += 1) {
    const n = first + 2 * i;
    const target = `${n >>> 16}.${(n >>> 8) & 255}.${n & 255}.0/24`;
    rows.push([randomUUID(), 'block', 'cidr', target, 'benchmark rule', 'manual', null, null]);
  }
  rows.push([randomUUID(), 'block', 'ip', PROBE_ADDRESS, 'benchmark probe', 'manual', null, null]);
  return rows;
}

/** Writes the rules straight into `ip_rules` (multi-row inserts of 1,000): far faster than 100k API calls. */
async function insertBlockRules(db, count) {
  const rows = blockRuleRows(count);
  if (rows.some(([, , , target]) => target.startsWith('127.') && target !== PROBE_ADDRESS))
    throw new Error('a bench rule would block loopback');
  await db.insertRows('ip_rules', COLUMNS, rows);
}

module.exports = { insertBlockRules, blockRuleRows, PROBE_ADDRESS };
