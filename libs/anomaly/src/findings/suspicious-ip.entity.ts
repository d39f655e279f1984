import { DateTimeColumn, IntColumn, JsonTextColumn, UuidColumn, UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import type { AnomalyRule, FindingEvidence, Severity } from '../rules/anomaly-rule';

export const FINDING_STATUSES = ['open', 'resolved', 'dismissed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/**
 * What the decision policy did with a finding: `flag` (recorded only), `ban`
 * (an auto block rule was created), `dry_run` (would have banned),
 * `safelisted` (would have banned, but an allow rule covers the IP),
 * `already_blocked` (would have banned, but a block rule is in force).
 */
export const DECISIONS = ['flag', 'ban', 'dry_run', 'safelisted', 'already_blocked'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * One rule that fired for one IP in one analysed window. The unique key makes
 * a re-run of the window record nothing new. It holds the window's end too:
 * an hour and its first 5-minute scanner slot start at the same instant.
 */
@Entity('suspicious_ips')
@Index('ux_suspicious_ips_ip_rule_window', ['ip', 'rule', 'windowStart', 'windowEnd'], { unique: true })
@Index('ix_suspicious_ips_window', ['windowStart'])
@Index('ix_suspicious_ips_status_window', ['status', 'windowStart'])
@Index('ix_suspicious_ips_rule_window', ['rule', 'windowStart'])
export class SuspiciousIpEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  @VarcharColumn(45)
  ip!: string;

  @DateTimeColumn({ name: 'window_start' })
  windowStart!: Date;

  @DateTimeColumn({ name: 'window_end' })
  windowEnd!: Date;

  @VarcharColumn(16)
  rule!: AnomalyRule;

  @VarcharColumn(500)
  reason!: string;

  @JsonTextColumn()
  evidence!: FindingEvidence;

  @VarcharColumn(8)
  severity!: Severity;

  @VarcharColumn(2, { nullable: true })
  country!: string | null;

  @VarcharColumn(10, { default: 'open' })
  status: FindingStatus = 'open';

  @VarcharColumn(16)
  decision: Decision = 'flag';

  /** The ban's length (or the length it would have had), in seconds. */
  @IntColumn({ name: 'ban_seconds', nullable: true })
  banSeconds: number | null = null;

  /** The auto block rule this finding created or shares with the IP's other findings of the run. */
  @UuidColumn({ name: 'ip_rule_id', nullable: true })
  ipRuleId: string | null = null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
