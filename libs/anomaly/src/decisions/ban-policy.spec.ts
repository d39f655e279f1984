import { AppConfig } from '@nexus/core';
import { BanPolicy } from './ban-policy';

function policy(env: Parameters<typeof AppConfig.forTest>[0] = {}): BanPolicy {
  return new BanPolicy(AppConfig.forTest(env).anomaly);
}

describe('BanPolicy', () => {
  it('bans by default only high findings of the rules other than the baseline', () => {
    const p = policy();
    expect(p.wantsBan('sensitive_path', 'high')).toBe(true);
    expect(p.wantsBan('probing', 'high')).toBe(true);
    expect(p.wantsBan('volume', 'high')).toBe(true);
    expect(p.wantsBan('auth_failure', 'high')).toBe(true);
    expect(p.wantsBan('sensitive_path', 'medium')).toBe(false);
    expect(p.wantsBan('volume', 'low')).toBe(false);
    expect(p.wantsBan('baseline', 'high')).toBe(false);
  });

  it('follows ANOMALY_BAN_SEVERITY and ANOMALY_BAN_RULES', () => {
    const p = policy({ ANOMALY_BAN_SEVERITY: 'medium', ANOMALY_BAN_RULES: 'baseline,probing' });
    expect(p.wantsBan('baseline', 'medium')).toBe(true);
    expect(p.wantsBan('probing', 'high')).toBe(true);
    expect(p.wantsBan('probing', 'low')).toBe(false);
    expect(p.wantsBan('sensitive_path', 'high')).toBe(false);
    expect(policy({ ANOMALY_BAN_SEVERITY: 'never' }).wantsBan('probing', 'high')).toBe(false);
  });

  it('grows bans as 1 h × 4^k for the k-th earlier ban, capped at 30 days', () => {
    const p = policy();
    expect([0, 1, 2, 3, 4, 5, 6].map((k) => p.durationSeconds(k))).toEqual([3600, 14_400, 57_600, 230_400, 921_600, 2_592_000, 2_592_000]);
    expect(policy({ ANOMALY_BAN_BASE: '1s', ANOMALY_BAN_MAX: '10s' }).durationSeconds(2)).toBe(10);
  });

  it('rejects unknown rules in the configuration', () => {
    expect(() => AppConfig.forTest({ ANOMALY_BAN_RULES: 'volume,ddos' })).toThrow(/ANOMALY_BAN_RULES: .*"ddos"/);
  });
});
