import { AppConfig, ConfigValidationError } from './app-config';
import { cidrMatcher, parseCidrList } from './cidr';

describe('CIDR lists (METRICS_ALLOW)', () => {
  it('parses addresses and CIDRs of both families, and an empty list', () => {
    expect(parseCidrList(' 10.0.0.0/8, ::1 ,fd00::/8,192.0.2.1')).toEqual(['10.0.0.0/8', '::1', 'fd00::/8', '192.0.2.1']);
    expect(parseCidrList('')).toEqual([]);
  });

  it.each(['10.0.0.0/33', 'example.com', '::1/129', '10.0.0.0/8/1', '10.0.0.256'])('rejects %j', (raw) => {
    expect(() => parseCidrList(raw)).toThrow(/not valid/);
  });

  it('matches addresses inside the ranges and nothing else', () => {
    const allowed = cidrMatcher(['10.0.0.0/8', '::1', 'fd00::/8']);
    expect(['10.0.0.1', '10.255.255.255', '::1', 'fd12::3'].map(allowed)).toEqual([true, true, true, true]);
    expect(['11.0.0.1', '127.0.0.1', '::2', 'fe80::1', '', 'garbage'].map(allowed)).toEqual([false, false, false, false, false, false]);
    // A dual-stack socket reports IPv4 peers as IPv4-mapped IPv6; they match their IPv4 ranges.
    expect(['::ffff:10.1.2.3', '::ffff:11.0.0.1'].map(allowed)).toEqual([true, false]);
  });

  it('defaults to loopback only, and names the variable when a value is bad', () => {
    const allowed = cidrMatcher(AppConfig.fromEnv({}).metrics.allow);
    expect([allowed('127.0.0.1'), allowed('::1'), allowed('10.0.0.1')]).toEqual([true, true, false]);
    try {
      AppConfig.fromEnv({ METRICS_ALLOW: '10.0.0.0/99' });
      throw new Error('accepted a bad METRICS_ALLOW');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      expect((error as ConfigValidationError).problems.join('\n')).toMatch(/METRICS_ALLOW/);
    }
  });
});
