import { DateTimeColumn, UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { CreateDateColumn, Entity, Index } from 'typeorm';
import type { RuleKind, RuleTargetType } from './ip-rule-matcher';

export type RuleSource = 'manual' | 'auto';

/** A block or allow rule on an address, a CIDR range or a country. */
@Entity('ip_rules')
@Index('ix_ip_rules_kind_source', ['kind', 'source'])
@Index('ix_ip_rules_target', ['target'])
@Index('ix_ip_rules_expires_at', ['expiresAt'])
export class IpRuleEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  @VarcharColumn(8)
  kind!: RuleKind;

  @VarcharColumn(8, { name: 'target_type' })
  targetType!: RuleTargetType;

  /** Canonical form: `203.0.113.7`, `203.0.113.0/24`, `2001:db8::/48` or `RU`. */
  @VarcharColumn(64)
  target!: string;

  @VarcharColumn(500)
  reason!: string;

  @VarcharColumn(8)
  source!: RuleSource;

  /** A user id, `cli`, or `anomaly` for automatic bans. */
  @VarcharColumn(100, { name: 'created_by', nullable: true })
  createdBy!: string | null;

  /** Null: permanent. */
  @DateTimeColumn({ name: 'expires_at', nullable: true, precision: 3 })
  expiresAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
