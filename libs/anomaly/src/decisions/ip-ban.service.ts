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

/** Earlier bans beyond this many no longer change the length (4^5 h already passes 30 days). */
const HISTORY_ROWS = 10;

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

  async ban(ip: string, reason: string): Promise<BanOutcome> {
    const verdict = this.rules.decide(ip, () => this.geo.lookup(ip).country);
    if (verdict.action === 'allow' || this.neverBan(ip)) return { decision: 'safelisted', banSeconds: null, ipRuleId: null };
    if (verdict.action === 'block') return { decision: 'already_blocked', banSeconds: null, ipRuleId: null };
    const target = this.banTarget(ip);
    const seconds = this.policy.durationSeconds(await this.recentBans(target));
    if (this.config.anomaly.dryRun) {
      this.logger.warn(`Dry run: would ban ${target} for ${seconds} s (${reason})`);
      return { decision: 'dry_run', banSeconds: seconds, ipRuleId: null };
    }
    const rule = await this.rules.create({
      kind: 'block',
      target,
      reason: reason.slice(0, 500),
      source: 'auto',
      createdBy: 'anomaly',
      durationSeconds: seconds,
    });
    this.logger.warn(`Banned ${rule.target} for ${seconds} s (${reason})`);
    return { decision: 'ban', banSeconds: seconds, ipRuleId: rule.id };
  }

  /** Automatic block rules on the target created within the history window, expired ones included. */
  private async recentBans(target: string): Promise<number> {
    const since = Date.now() - BAN_HISTORY_DAYS * 86_400_000;
    const page = await this.rules.list({ kind: 'block', source: 'auto', target, page: 1, limit: HISTORY_ROWS });
    return page.data.filter((rule) => rule.createdAt.getTime() >= since).length;
  }

  /** With LOG_ANONYMIZE_IP the logged address stands for its /24 or /48, so the ban covers that network. */
  private banTarget(ip: string): string {
    if (!this.config.requestLog.anonymizeIp) return canonicalTarget(ip).target;
    return canonicalTarget(`${ip}/${isIP(ip) === 6 ? 48 : 24}`).target;
  }
}
