import { IntColumn, UuidColumn, UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';

/**
 * The invoice number counter of one organization and year. Finalization locks
 * this row (uq_invoice_number_sequences_org_year), so numbers are handed out
 * one transaction at a time and a rolled-back finalization hands none out.
 */
@Entity('invoice_number_sequences')
@Index('uq_invoice_number_sequences_org_year', ['organizationId', 'year'], { unique: true })
export class NumberSequenceEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  @UuidColumn({ name: 'organization_id' })
  organizationId!: string;

  @IntColumn()
  year!: number;

  /**
   * The prefix of the year's first number, for the record. Each number takes the prefix in force when it is
   * given (the organization's invoicePrefix, else INVOICE_NUMBER_PREFIX); the count goes on whatever the prefix.
   */
  @VarcharColumn(16)
  prefix!: string;

  /** The last number handed out; 0 before the first. */
  @IntColumn({ name: 'last_value', default: 0 })
  lastValue!: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
