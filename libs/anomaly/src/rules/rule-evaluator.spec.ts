import { ANOMALY_RULES } from './anomaly-rule';
import { evaluateRules, IpWindowCounts, RuleSettings, SensitiveHits, windowLabel } from './rule-evaluator';

const SETTINGS: RuleSettings = {
  rules: new Set(ANOMALY_RULES),
  volumeLimit: 100,
  probingThreshold: 10,
  authFailureThreshold: 20,
  windowLabel: '1 h',
};

function counts(overrides: Partial<IpWindowCounts> = {}): IpWindowCounts {
  return { ip: '203.0.113.9', requests: 1, authFailures: 0, probedPaths: 0, baseline: null, ...overrides };
}

const rulesOf = (row: IpWindowCounts, sensitive?: SensitiveHits, settings = SETTINGS) =>
  evaluateRules(row, sensitive, settings).map((f) => `${f.rule}:${f.severity}`);

describe('evaluateRules', () => {
  it('volume: exactly the limit is fine, one more is flagged; severity grows with the ratio', () => {
    expect(rulesOf(counts({ requests: 100 }))).toEqual([]);
    expect(rulesOf(counts({ requests: 101 }))).toEqual(['volume:low']);
    expect(rulesOf(counts({ requests: 300 }))).toEqual(['volume:medium']);
    expect(rulesOf(counts({ requests: 1000 }))).toEqual(['volume:high']);
  });

  it('probing and auth failures flag from their threshold on, high from three times it', () => {
    expect(rulesOf(counts({ probedPaths: 9, authFailures: 19 }))).toEqual([]);
    expect(rulesOf(counts({ probedPaths: 10, authFailures: 20 }))).toEqual(['probing:medium', 'auth_failure:medium']);
    expect(rulesOf(counts({ probedPaths: 30, authFailures: 60 }))).toEqual(['probing:high', 'auth_failure:high']);
  });

  it('sensitive paths: any hit is medium, three distinct targets are high', () => {
    const one: SensitiveHits = { hits: 1, targets: ['/admin'], paths: [{ path: '/%61dmin', count: 1 }] };
    const [finding] = evaluateRules(counts(), one, SETTINGS);
    expect(finding).toMatchObject({
      rule: 'sensitive_path',
      severity: 'medium',
      reason: '1 request to sensitive paths: /admin',
      evidence: { sensitiveHits: 1, samplePaths: [{ path: '/%61dmin', count: 1 }] },
    });
    const scan: SensitiveHits = { hits: 5, targets: ['/admin', '/.env', '/.git'], paths: [] };
    expect(rulesOf(counts(), scan)).toEqual(['sensitive_path:high']);
    expect(rulesOf(counts(), { hits: 0, targets: [], paths: [] })).toEqual([]);
  });

  it('baseline: follows the SQL verdict, medium beyond twice the limit', () => {
    const baseline = { hit: true, mean: 10, deviation: 2, hours: 48, limit: 16 };
    expect(rulesOf(counts({ requests: 51, baseline: { ...baseline, hit: false } }))).toEqual([]);
    const [finding] = evaluateRules(counts({ requests: 30, baseline }), undefined, SETTINGS);
    expect(finding).toMatchObject({
      rule: 'baseline',
      severity: 'low',
      reason: '30 requests in 1 h against a usual 10 ± 2 (limit 16)',
      evidence: { threshold: 16, baseline: { mean: 10, deviation: 2, hours: 48 } },
    });
    expect(rulesOf(counts({ requests: 33, baseline }))).toEqual(['baseline:medium']);
  });

  it('applies only the rules of the pass', () => {
    const scanner = { ...SETTINGS, rules: new Set(['sensitive_path', 'probing'] as const) };
    expect(rulesOf(counts({ requests: 5000, authFailures: 500, probedPaths: 10 }), undefined, scanner)).toEqual(['probing:medium']);
  });

  it('labels windows for reasons', () => {
    expect([windowLabel(3_600_000), windowLabel(300_000), windowLabel(5_400_000), windowLabel(86_400_000), windowLabel(1500)]).toEqual([
      '1 h',
      '5 min',
      '90 min',
      '1 d',
      '2 s',
    ]);
  });
});
