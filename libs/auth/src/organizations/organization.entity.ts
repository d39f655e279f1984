import { UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';

/** The tenant: every customer, invoice and payment belongs to exactly one. */
@Entity('organizations')
export class OrganizationEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  @VarcharColumn(200)
  name!: string;

  /** IANA time zone used for dates such as "overdue"; UTC by default. */
  @VarcharColumn(64, { name: 'time_zone', default: 'UTC' })
  timeZone!: string;

  /** Starts the organization's invoice numbers (`ACME-2026-000001`); null: the server's INVOICE_NUMBER_PREFIX. */
  @VarcharColumn(10, { name: 'invoice_prefix', nullable: true })
  invoicePrefix: string | null = null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
