import { DateTimeColumn } from '@nexus/core';
import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * When an IP and rule last raised an alert. Claimed with one conditional
 * write, so concurrent workers cannot both alert within the window.
 */
@Entity('anomaly_alert_marks')
@Index('ix_anomaly_alert_marks_alerted_at', ['alertedAt'])
export class AlertMarkEntity {
  @PrimaryColumn({ type: 'varchar', length: 45 })
  ip!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  rule!: string;

  @DateTimeColumn({ name: 'alerted_at' })
  alertedAt!: Date;
}
