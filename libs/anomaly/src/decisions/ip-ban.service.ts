import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, cidrMatcher } from '@nexus/core';
import { canonicalTarget, GeoIpService, IpRulesService } from '@nexus/ip-tracking';
import { isIP } from 'node:net';
import type { Decision } from '../findings/suspicious-ip.entity';
import { BAN_HISTORY_DAYS, BanPolicy } from './ban-policy';

export interface BanOutcome {
  decision: Decision;
  banSeconds: number | null;
  ipRuleId: string | null;
}

/** An IP to ban, and why. */
export interface BanRequest {
  ip: string;
  reason: string;
}

/**
 * Turns "this IP should be banned" into an `auto` block rule through the
 * ip-tracking service, or records why not: safelisted, already blocked, or a
 * dry run.
 */
@Injectable()
export class IpBanService {
  private readonly logger = new Logger('AnomalyBans');
  readonly policy: BanPolicy;
  private readonly neverBan: (ip: string) => boolean;

  constructor(
    private readonly rules: IpRulesService,
    private readonly geo: GeoIpService,
    private readonly config: AppConfig,
  ) {
    this.policy = new BanPolicy(config.anomaly);
    this.neverBan = cidrMatcher(config.anomaly.neverBan);
  }

  /**
   * Bans the IPs of one analysis run, in order, with one read of their ban
   * history and one write of the new rules (so one rules reload on every
   * instance, not one per ban). Two IPs that map to the same target (their
   * /24 with LOG_ANONYMIZE_IP) get one rule; the second is `already_blocked`.
   */
  async banAll(requests: readonly BanRequest[]): Promise<BanOutcome[]> {
    const outcomes: BanOutcome[] = [];
    const wanted = new Map<string, { reason: string; indexes: number[] }>();
    for (const { ip, reason } of requests) {
      const verdict = this.rules.decide(ip, () => this.geo.lookup(ip).country);
      const target = this.banTarget(ip);
      const index = outcomes.push({ decision: 'already_blocked', banSeconds: null, ipRuleId: null }) - 1;
      if (verdict.action === 'allow' || this.neverBan(ip)) outcomes[index].decision = 'safelisted';
      else if (verdict.action === 'block') continue;
      else if (wanted.has(target)) wanted.get(target)?.indexes.push(index);
      else wanted.set(target, { reason, indexes: [index] });
    }
    if (wanted.size === 0) return outcomes;
    const since = new Date(Date.now() - BAN_HISTORY_DAYS * 86_400_000);
    const history = await this.rules.countCreatedSince('block', 'auto', [...wanted.keys()], since);
    const bans = [...wanted].map(([target, { reason, indexes }]) => ({
      target,
      reason,
      indexes,
      seconds: this.policy.durationSeconds(history.get(target) ?? 0),
    }));
    if (this.config.anomaly.dryRun) {
      // Nothing is blocked, so every IP of the target records what would have been done.
      for (const ban of bans) {
        this.logger.warn(`Dry run: would ban ${ban.target} for ${ban.seconds} s (${ban.reason})`);
        for (const index of ban.indexes) outcomes[index] = { decision: 'dry_run', banSeconds: ban.seconds, ipRuleId: null };
      }
      return outcomes;
    }
    const created = await this.rules.createMany(
      bans.map((ban) => ({
        kind: 'block' as const,
        target: ban.target,
        reason: ban.reason.slice(0, 500),
        source: 'auto' as const,
        createdBy: 'anomaly',
        durationSeconds: ban.seconds,
      })),
    );
    bans.forEach((ban, i) => {
      this.logger.warn(`Banned ${created[i].target} for ${ban.seconds} s (${ban.reason})`);
      // The other IPs of the target keep `already_blocked`: the rule covers them.
      outcomes[ban.indexes[0]] = { decision: 'ban', banSeconds: ban.seconds, ipRuleId: created[i].id };
    });
    return outcomes;
  }

  /** With LOG_ANONYMIZE_IP the logged address stands for its /24 or /48, so the ban covers that network. */
  private banTarget(ip: string): string {
    if (!this.config.requestLog.anonymizeIp) return canonicalTarget(ip).target;
    return canonicalTarget(`${ip}/${isIP(ip) === 6 ? 48 : 24}`).target;
  }
}
