import { anonymizeIp, formatCidr, networkOf, normalizeIp, parseCidr, parseIp } from './ip-address';

describe('ip addresses', () => {
  it('reduces IPv4-mapped IPv6 to IPv4', () => {
    expect(normalizeIp('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(parseIp('::FFFF:203.0.113.7')).toEqual(parseIp('203.0.113.7'));
  });

  it('parses both families and rejects junk', () => {
    expect(parseIp('0.0.0.1')).toEqual({ family: 4, value: 1 });
    expect(parseIp('255.255.255.255')).toEqual({ family: 4, value: 2 ** 32 - 1 });
    expect(parseIp('::1')).toEqual({ family: 6, value: 1n });
    expect(parseIp('2001:db8::1')?.value).toBe(0x20010db8000000000000000000000001n);
    expect(parseIp('1.2.3')).toBeNull();
    expect(parseIp('not-an-ip')).toBeNull();
  });

  it('computes CIDR ranges', () => {
    const v4 = parseCidr('203.0.113.77/24')!;
    expect(formatCidr(v4)).toBe('203.0.113.0/24');
    expect(v4.end).toBe(parseIp('203.0.113.255')!.value);
    const v6 = parseCidr('2001:db8:abcd:12::/48')!;
    expect(formatCidr(v6)).toBe('2001:db8:abcd::/48');
    expect(v6.end).toBe(parseIp('2001:db8:abcd:ffff:ffff:ffff:ffff:ffff')!.value);
    expect(formatCidr(parseCidr('10.1.2.3')!)).toBe('10.1.2.3/32');
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('::/129')).toBeNull();
    expect(formatCidr(parseCidr('0.0.0.0/0')!)).toBe('0.0.0.0/0');
  });

  it('groups IPv6 clients by their /64', () => {
    expect(networkOf('2001:db8:1:2:aaaa::1', 64)).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:2:bbbb::9', 64)).toBe('2001:db8:1:2::/64');
    expect(networkOf('203.0.113.9', 64)).toBe('203.0.113.9');
    expect(networkOf('::ffff:203.0.113.9', 64)).toBe('203.0.113.9');
  });

  it('anonymises IPv4 to /24 and IPv6 to /48', () => {
    expect(anonymizeIp('203.0.113.77')).toBe('203.0.113.0');
    expect(anonymizeIp('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd::');
  });
});
