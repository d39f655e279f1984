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
    const ips = [...new Set(drafts.map((draft) => draft.ip))];
    const recorded = await this.findings.recordedKeys(ips, window);
    const countries = new Map(ips.map((ip) => [ip, this.geo.lookup(ip).country]));
    const now = new Date();
    const fresh = drafts
      .filter((draft) => !recorded.has(`${draft.ip}:${draft.rule}`))
      .map((draft) =>
        Object.assign(new SuspiciousIpEntity(), {
          ...draft,
          windowStart: window.from,
          windowEnd: window.to,
          country: countries.get(draft.ip) ?? null,
          createdAt: now,
          updatedAt: now,
        }),
      );
    const created = await this.findings.insertNew(fresh);
    const result: RecordedFindings = { created, duplicates: drafts.length - created.length, bans: 0 };
    const banningByIp = new Map<string, SuspiciousIpEntity[]>();
    for (const finding of created) {
      if (this.bans.policy.wantsBan(finding.rule, finding.severity))
        banningByIp.set(finding.ip, [...(banningByIp.get(finding.ip) ?? []), finding]);
    }
    const banned = [...banningByIp];
    const outcomes = await this.bans.banAll(
      banned.map(([ip, banning]) => ({ ip, reason: `Anomaly detection: ${banning.map((f) => `${f.rule} (${f.reason})`).join('; ')}` })),
    );
    // One update per IP (each ban has its own rule id), side by side on the pool.
    await Promise.all(
      banned.map(([, banning], i) =>
        this.findings.recordDecision(
          banning.map((f) => f.id),
          outcomes[i].decision,
          outcomes[i].banSeconds,
          outcomes[i].ipRuleId,
        ),
      ),
    );
    for (const [i, [, banning]] of banned.entries()) {
      for (const finding of banning) Object.assign(finding, outcomes[i]);
      if (outcomes[i].decision === 'ban') result.bans += 1;
    }
    return result;
  }
}
