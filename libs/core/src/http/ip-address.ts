import { isIP } from 'node:net';

/** An address as a number: IPv4 in 0..2^32-1, IPv6 as a 128-bit bigint. */
export type ParsedIp = { family: 4; value: number } | { family: 6; value: bigint };

/** `::ffff:a.b.c.d` → `a.b.c.d`; IPv6 lower-cased; anything else unchanged. */
export function normalizeIp(ip: string): string {
  const lower = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  return mapped ? mapped[1] : lower;
}

function parseV4(ip: string): number {
  const parts = ip.split('.');
  return ((Number(parts[0]) << 24) >>> 0) + (Number(parts[1]) << 16) + (Number(parts[2]) << 8) + Number(parts[3]);
}

function parseV6(ip: string): bigint {
  let text = ip;
  // An embedded IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) becomes two hextets.
  const v4Tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (v4Tail) {
    const v4 = parseV4(v4Tail[1]);
    text = `${text.slice(0, -v4Tail[1].length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  const parts = tail !== undefined ? [...headParts, ...Array(missing).fill('0'), ...tailParts] : headParts;
  let value = 0n;
  for (const part of parts) value = (value << 16n) + BigInt(parseInt(part || '0', 16));
  return value;
}

/** Parses an address (IPv4-mapped IPv6 counts as IPv4); null if it is not one. */
export function parseIp(raw: string): ParsedIp | null {
  const ip = normalizeIp(raw.replace(/%.*$/, ''));
  const family = isIP(ip);
  if (family === 4) return { family: 4, value: parseV4(ip) };
  if (family === 6) return { family: 6, value: parseV6(ip) };
  return null;
}

export interface ParsedCidr {
  family: 4 | 6;
  prefix: number;
  /** First and last address of the range, inclusive. */
  start: number | bigint;
  end: number | bigint;
}

/** Parses `a.b.c.d/n`, `x::/n` or a bare address (a /32 or /128). Host bits are ignored. */
export function parseCidr(raw: string): ParsedCidr | null {
  const [address, prefixText, ...rest] = raw.trim().split('/');
  if (rest.length > 0) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  const max = ip.family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  if (ip.family === 4) {
    const hostBits = 32 - prefix;
    const size = 2 ** hostBits;
    const start = Math.floor(ip.value / size) * size;
    return { family: 4, prefix, start, end: start + size - 1 };
  }
  const hostBits = BigInt(128 - prefix);
  const mask = (1n << hostBits) - 1n;
  const start = ip.value & ~mask & ((1n << 128n) - 1n);
  return { family: 6, prefix, start, end: start | mask };
}

function formatV6(value: bigint): string {
  const parts: string[] = [];
  for (let i = 7; i >= 0; i--) parts.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as RFC 5952 asks.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (parts[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && parts[j] === '0') j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  if (bestStart < 0) return parts.join(':');
  return `${parts.slice(0, bestStart).join(':')}::${parts.slice(bestStart + bestLength).join(':')}`;
}

function formatV4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** The canonical text of a CIDR (`203.0.113.0/24`, `2001:db8::/48`). */
export function formatCidr(cidr: ParsedCidr): string {
  const address = cidr.family === 4 ? formatV4(cidr.start as number) : formatV6(cidr.start as bigint);
  return `${address}/${cidr.prefix}`;
}

/** The network an address belongs to at `prefix` bits: what rate limits group IPv6 clients by. */
export function networkOf(ip: string, v6Prefix: number, v4Prefix = 32): string {
  const parsed = parseIp(ip);
  if (!parsed) return ip;
  const prefix = parsed.family === 4 ? v4Prefix : v6Prefix;
  if ((parsed.family === 4 && prefix === 32) || (parsed.family === 6 && prefix === 128)) {
    return parsed.family === 4 ? formatV4(parsed.value) : formatV6(parsed.value);
  }
  return formatCidr(parseCidr(`${parsed.family === 4 ? formatV4(parsed.value) : formatV6(parsed.value)}/${prefix}`)!);
}

/** Truncates an address for storage when IPs are anonymised: IPv4 to /24, IPv6 to /48. */
export function anonymizeIp(ip: string): string {
  const parsed = parseIp(ip);
  if (!parsed) return ip;
  const cidr = parseCidr(`${parsed.family === 4 ? formatV4(parsed.value) : formatV6(parsed.value)}/${parsed.family === 4 ? 24 : 48}`)!;
  return cidr.family === 4 ? formatV4(cidr.start as number) : formatV6(cidr.start as bigint);
}

export function formatIp(parsed: ParsedIp): string {
  return parsed.family === 4 ? formatV4(parsed.value) : formatV6(parsed.value);
}

/**
 * The one spelling an address is stored and compared in: IPv6 compressed and
 * lower case, IPv4-mapped IPv6 as IPv4. An IPv4 address is taken as it is
 * (`isIP` accepts only the dotted-decimal form). Null if it is not an address.
 */
export function canonicalIp(raw: string): string | null {
  if (!raw.includes(':') && isIP(raw) === 4) return raw;
  const parsed = parseIp(raw);
  return parsed ? formatIp(parsed) : null;
}
