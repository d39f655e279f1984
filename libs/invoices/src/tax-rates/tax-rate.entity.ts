import { BooleanColumn, DateTimeColumn, IntColumn, UuidColumn, UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';

/**
 * A tax rate, such as "VAT 19 %". The percentage is kept exactly, as parts per
 * million (19.0000 % → 190000); percentage and inclusiveness never change once
 * created (Stripe's rule), and invoice lines keep a snapshot of what they used.
 */
@Entity('tax_rates')
@Index('ix_tax_rates_org_name', ['organizationId', 'name'])
export class TaxRateEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  @UuidColumn({ name: 'organization_id' })
  organizationId!: string;

  @VarcharColumn(100)
  name!: string;

  /** Parts per million of 1: 19 % → 190000. */
  @IntColumn({ name: 'rate_ppm' })
  ratePpm!: number;

  @BooleanColumn()
  inclusive!: boolean;

  @BooleanColumn({ default: true })
  active!: boolean;

  @DateTimeColumn({ name: 'deleted_at', nullable: true, precision: 3 })
  deletedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
