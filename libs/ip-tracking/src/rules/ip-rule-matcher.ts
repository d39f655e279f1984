import { parseCidr, ParsedIp } from '@nexus/core';

export type RuleKind = 'block' | 'allow';
export type RuleTargetType = 'ip' | 'cidr' | 'country';

export interface MatchableRule {
  id: string;
  kind: RuleKind;
  targetType: RuleTargetType;
  /** Canonical target: an address, a CIDR, or an ISO 3166-1 alpha-2 code. */
  target: string;
  reason: string;
  /** Who made it: an operator (`manual`) or an anomaly ban (`auto`). */
  source?: 'manual' | 'auto';
  expiresAt: Date | null;
}

export interface Decision {
  action: 'allow' | 'block' | 'none';
  rule?: MatchableRule;
}

/** Merged, sorted, non-overlapping ranges of one family, searched by bisection. */
class RangeSet<T extends number | bigint> {
  private readonly starts: T[] = [];
  private readonly ends: T[] = [];
  private readonly owners: number[] = [];

  /** `next(end)` is the first value after `end` (ranges that touch merge). */
  constructor(ranges: { start: T; end: T; owner: number }[], next: (end: T) => T) {
    ranges.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    for (const range of ranges) {
      const last = this.ends.length - 1;
      // Adjacent or overlapping ranges merge; the first rule of a merged range answers for it.
      if (last >= 0 && range.start <= next(this.ends[last])) {
        if (range.end > this.ends[last]) this.ends[last] = range.end;
        continue;
      }
      this.starts.push(range.start);
      this.ends.push(range.end);
      this.owners.push(range.owner);
    }
  }

  get size(): number {
    return this.starts.length;
  }

  /** Index of the rule owning the range containing `value`, or -1. O(log n). */
  find(value: T): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid] <= value) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && value <= this.ends[hi] ? this.owners[hi] : -1;
  }
}

interface KindIndex {
  v4: RangeSet<number>;
  v6: RangeSet<bigint>;
  countries: Map<string, number>;
}

/**
 * An immutable snapshot of the active rules, answering "allow, block or
 * nothing?" in O(log n) per request. A safelisted address is never blocked.
 * Built again when rules change or the earliest expiry passes.
 */
export class IpRuleMatcher {
  private readonly allow: KindIndex;
  private readonly block: KindIndex;
  /** Epoch ms of the earliest expiry among the active rules, or Infinity. */
  readonly nextExpiry: number;
  readonly activeRules: number;
  readonly hasCountryRules: boolean;

  private constructor(
    private readonly rules: MatchableRule[],
    now: number,
  ) {
    const active = rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => !rule.expiresAt || rule.expiresAt.getTime() > now);
    this.activeRules = active.length;
    this.nextExpiry = active.reduce((min, { rule }) => Math.min(min, rule.expiresAt?.getTime() ?? Infinity), Infinity);
    this.allow = IpRuleMatcher.index(active.filter(({ rule }) => rule.kind === 'allow'));
    this.block = IpRuleMatcher.index(active.filter(({ rule }) => rule.kind === 'block'));
    this.hasCountryRules = this.allow.countries.size + this.block.countries.size > 0;
  }

  static build(rules: MatchableRule[], now = Date.now()): IpRuleMatcher {
    return new IpRuleMatcher(rules, now);
  }

  static empty(): IpRuleMatcher {
    return new IpRuleMatcher([], Date.now());
  }

  isStale(now = Date.now()): boolean {
    return now >= this.nextExpiry;
  }

  decide(ip: ParsedIp | null, country: string | null = null): Decision {
    const allowed = this.lookup(this.allow, ip, country);
    if (allowed >= 0) return { action: 'allow', rule: this.rules[allowed] };
    const blocked = this.lookup(this.block, ip, country);
    if (blocked >= 0) return { action: 'block', rule: this.rules[blocked] };
    return { action: 'none' };
  }

  private lookup(index: KindIndex, ip: ParsedIp | null, country: string | null): number {
    if (ip) {
      const found = ip.family === 4 ? index.v4.find(ip.value) : index.v6.find(ip.value);
      if (found >= 0) return found;
    }
    return country ? (index.countries.get(country) ?? -1) : -1;
  }

  private static index(entries: { rule: MatchableRule; index: number }[]): KindIndex {
    const v4: { start: number; end: number; owner: number }[] = [];
    const v6: { start: bigint; end: bigint; owner: number }[] = [];
    const countries = new Map<string, number>();
    for (const { rule, index } of entries) {
      if (rule.targetType === 'country') {
        if (!countries.has(rule.target)) countries.set(rule.target, index);
        continue;
      }
      const cidr = parseCidr(rule.target);
      if (!cidr) continue;
      if (cidr.family === 4) v4.push({ start: cidr.start as number, end: cidr.end as number, owner: index });
      else v6.push({ start: cidr.start as bigint, end: cidr.end as bigint, owner: index });
    }
    return { v4: new RangeSet(v4, (end) => end + 1), v6: new RangeSet(v6, (end) => end + 1n), countries };
  }
}
