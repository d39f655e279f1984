import { parseIp } from '@nexus/core';
import { IpRuleMatcher, MatchableRule } from './ip-rule-matcher';

let seq = 0;
function rule(kind: 'block' | 'allow', target: string, extra: Partial<MatchableRule> = {}): MatchableRule {
  const targetType = /^[A-Z]{2}$/.test(target) ? 'country' : target.includes('/') ? 'cidr' : 'ip';
  return { id: `r${++seq}`, kind, targetType, target, reason: 'test', expiresAt: null, ...extra };
}

const decide = (m: IpRuleMatcher, ip: string, country: string | null = null) => m.decide(parseIp(ip), country).action;

describe('IpRuleMatcher', () => {
  it('blocks inside a CIDR and not outside it', () => {
    const m = IpRuleMatcher.build([rule('block', '203.0.113.0/24')]);
    expect(decide(m, '203.0.113.0')).toBe('block');
    expect(decide(m, '203.0.113.7')).toBe('block');
    expect(decide(m, '203.0.113.255')).toBe('block');
    expect(decide(m, '203.0.112.255')).toBe('none');
    expect(decide(m, '203.0.114.1')).toBe('none');
  });

  it('treats an IPv6 /48 the same way', () => {
    const m = IpRuleMatcher.build([rule('block', '2001:db8:abcd::/48')]);
    expect(decide(m, '2001:db8:abcd::1')).toBe('block');
    expect(decide(m, '2001:db8:abcd:ffff:ffff:ffff:ffff:ffff')).toBe('block');
    expect(decide(m, '2001:db8:abce::1')).toBe('none');
    expect(decide(m, '2001:db8:abcc:ffff::1')).toBe('none');
  });

  it('matches an IPv4-mapped address against its IPv4 rule', () => {
    const m = IpRuleMatcher.build([rule('block', '198.51.100.7')]);
    expect(decide(m, '::ffff:198.51.100.7')).toBe('block');
  });

  it('lets a safelist entry beat a block', () => {
    const m = IpRuleMatcher.build([
      rule('block', '10.0.0.0/8'),
      rule('allow', '10.1.2.3'),
      rule('block', 'RU'),
      rule('allow', '192.0.2.0/24'),
    ]);
    expect(decide(m, '10.1.2.3')).toBe('allow');
    expect(decide(m, '10.1.2.4')).toBe('block');
    expect(decide(m, '192.0.2.8', 'RU')).toBe('allow');
    expect(decide(m, '198.51.100.1', 'RU')).toBe('block');
  });

  it('ignores expired rules and reports the next expiry', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    const m = IpRuleMatcher.build(
      [rule('block', '1.2.3.4', { expiresAt: new Date(now - 1) }), rule('block', '5.6.7.8', { expiresAt: new Date(now + 60_000) })],
      now,
    );
    expect(decide(m, '1.2.3.4')).toBe('none');
    expect(decide(m, '5.6.7.8')).toBe('block');
    expect(m.nextExpiry).toBe(now + 60_000);
    expect(m.isStale(now + 59_999)).toBe(false);
    expect(m.isStale(now + 60_000)).toBe(true);
  });

  it('merges nested and adjacent ranges and still names a matching rule', () => {
    const m = IpRuleMatcher.build([
      rule('block', '10.0.0.0/16', { id: 'outer' }),
      rule('block', '10.0.5.0/24'),
      rule('block', '10.1.0.0/16'),
    ]);
    const hit = m.decide(parseIp('10.0.5.9'));
    expect(hit.action).toBe('block');
    expect(hit.rule?.id).toBe('outer');
    expect(decide(m, '10.1.255.255')).toBe('block');
    expect(decide(m, '10.2.0.0')).toBe('none');
  });

  it('agrees with a linear scan on 100,000 random rules', () => {
    let state = 42;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const rules: MatchableRule[] = [];
    for (let i = 0; i < 100_000; i++) {
      const prefix = 16 + Math.floor(random() * 17);
      const base = Math.floor(random() * 2 ** 32);
      rules.push(rule('block', `${base >>> 24}.${(base >>> 16) & 255}.${(base >>> 8) & 255}.${base & 255}/${prefix}`));
    }
    const m = IpRuleMatcher.build(rules);
    const ranges = rules.map((r) => {
      const [a, p] = r.target.split('/');
      const v = a.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
      const size = 2 ** (32 - Number(p));
      const start = Math.floor(v / size) * size;
      return [start, start + size - 1];
    });
    for (let i = 0; i < 2000; i++) {
      const v = Math.floor(random() * 2 ** 32);
      const ip = `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
      const expected = ranges.some(([s, e]) => v >= s && v <= e) ? 'block' : 'none';
      expect(decide(m, ip)).toBe(expected);
    }
  });
});
