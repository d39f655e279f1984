import { BlockList, isIP } from 'node:net';

/** True for `a.b.c.d`, `a.b.c.d/n`, an IPv6 address or an IPv6 CIDR with a valid prefix length. */
export function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  const maxPrefix = family === 4 ? 32 : 128;
  const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= maxPrefix);
  return family !== 0 && rest.length === 0 && prefixOk;
}

/** Comma-separated addresses or CIDRs of either family (an empty string is an empty list). */
export function parseCidrList(raw: string): string[] {
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.find((entry) => !isAddressOrCidr(entry));
  if (bad !== undefined) throw new Error(`expected comma-separated IP addresses or CIDRs such as 10.0.0.0/8, ::1; "${bad}" is not valid`);
  return entries;
}

/** A matcher for a parsed CIDR list; IPv4-mapped IPv6 clients match their IPv4 ranges. */
export function cidrMatcher(entries: string[]): (ip: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (ip) => {
    const family = isIP(ip);
    return family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  };
}
