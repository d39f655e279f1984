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

/** A list entry that covers every address of its family: `0.0.0.0/0`, `::/0`, `::0/0`. */
function coversEverything(entry: string): boolean {
  const [address, prefix] = entry.split('/');
  return prefix !== undefined && Number(prefix) === 0 && (address.includes(':') || /^0+(\.0+){3}$/.test(address));
}

/**
 * What to tell the operator at start-up about a setting that lets clients
 * choose their own address (X-Forwarded-For believed from anyone), or null.
 */
export function trustProxyWarning(setting: TrustProxySetting): string | null {
  if (setting === true || (Array.isArray(setting) && setting.some(coversEverything))) {
    return 'TRUST_PROXY trusts X-Forwarded-For from any peer: clients can choose their own IP (and dodge rate limits and blocks). Set a hop count or the proxy CIDRs.';
  }
  if (typeof setting === 'number') {
    return `TRUST_PROXY=${setting} believes the last ${setting} X-Forwarded-For hop(s) from whoever connects: make sure clients can reach the API only through those proxies, or list the proxy CIDRs instead.`;
  }
  return null;
}
