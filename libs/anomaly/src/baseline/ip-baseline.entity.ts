import { DateTimeColumn, DoubleColumn, IntColumn } from '@nexus/core';
import { Entity, PrimaryColumn } from 'typeorm';

/**
 * An IP's usual hourly request count: an exponentially weighted mean and mean
 * absolute deviation, updated once per analysed hour. Hours are counted from
 * the epoch, so the hours an IP was silent are known without a row for each.
 */
@Entity('ip_baselines')
export class IpBaselineEntity {
  @PrimaryColumn({ type: 'varchar', length: 45 })
  ip!: string;

  @DoubleColumn()
  mean!: number;

  @DoubleColumn()
  deviation!: number;

  /** Hour (since the epoch) the IP was first counted. */
  @IntColumn({ name: 'first_hour' })
  firstHour!: number;

  /** Last hour folded into the mean; a window is folded in once. */
  @IntColumn({ name: 'last_hour' })
  lastHour!: number;

  @DateTimeColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
