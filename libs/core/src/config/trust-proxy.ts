import { isAddressOrCidr } from './cidr';

/** `false` trusts no proxy; a number trusts that many hops; a list trusts those addresses/CIDRs. */
export type TrustProxySetting = false | true | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function parseTrustProxy(raw: string): TrustProxySetting {
  const value = raw.trim().toLowerCase();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new Error(`expected at most 10 proxy hops, got ${hops}`);
    return hops;
  }
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (NAMED_RANGES.has(entry)) continue;
    if (!isAddressOrCidr(entry)) {
      throw new Error(
        `expected false, a hop count, or a comma-separated list of IP addresses/CIDRs (or loopback, linklocal, uniquelocal); "${entry}" is not valid`,
      );
    }
  }
  return entries;
}
