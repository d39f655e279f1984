import { Injectable } from '@nestjs/common';
import { GeoIpService } from '@nexus/ip-tracking';
import type { AnalysisWindow } from '../analysis/analysis-window';
import { SuspiciousIpEntity } from '../findings/suspicious-ip.entity';
import { SuspiciousIpsRepository } from '../findings/suspicious-ips.repository';
import type { FindingDraft } from '../rules/anomaly-rule';
import { IpBanService } from './ip-ban.service';

export interface RecordedFindings {
  /** Findings new in this run, with their decisions. */
  created: SuspiciousIpEntity[];
  /** Findings an earlier run of the window had recorded (nothing is decided for them again). */
  duplicates: number;
  bans: number;
}

/**
 * Records a window's findings, insert-or-ignore, and applies the policy to
 * the new ones: at most one ban per IP and run, shared by its findings.
 */
@Injectable()
export class DecisionService {
  constructor(
    private readonly findings: SuspiciousIpsRepository,
    private readonly bans: IpBanService,
    private readonly geo: GeoIpService,
  ) {}

  async record(drafts: FindingDraft[], window: AnalysisWindow): Promise<RecordedFindings> {
    const result: RecordedFindings = { created: [], duplicates: 0, bans: 0 };
    const byIp = new Map<string, FindingDraft[]>();
    for (const draft of drafts) byIp.set(draft.ip, [...(byIp.get(draft.ip) ?? []), draft]);
    const recorded = await this.findings.recordedKeys([...byIp.keys()], window);
    for (const [ip, allDrafts] of byIp) {
      const ipDrafts = allDrafts.filter((draft) => !recorded.has(`${draft.ip}:${draft.rule}`));
      result.duplicates += allDrafts.length - ipDrafts.length;
      if (ipDrafts.length === 0) continue;
      const country = this.geo.lookup(ip).country;
      const created: SuspiciousIpEntity[] = [];
      for (const draft of ipDrafts) {
        const now = new Date();
        const finding = Object.assign(new SuspiciousIpEntity(), {
          ...draft,
          windowStart: window.from,
          windowEnd: window.to,
          country,
          createdAt: now,
          updatedAt: now,
        });
        if (await this.findings.insertIfNew(finding)) created.push(finding);
        else result.duplicates += 1;
      }
      const banning = created.filter((finding) => this.bans.policy.wantsBan(finding.rule, finding.severity));
      if (banning.length > 0) {
        const reason = `Anomaly detection: ${banning.map((f) => `${f.rule} (${f.reason})`).join('; ')}`;
        const outcome = await this.bans.ban(ip, reason);
        await this.findings.recordDecision(
          banning.map((f) => f.id),
          outcome.decision,
          outcome.banSeconds,
          outcome.ipRuleId,
        );
        for (const finding of banning) Object.assign(finding, outcome);
        if (outcome.decision === 'ban') result.bans += 1;
      }
      result.created.push(...created);
    }
    return result;
  }
}
