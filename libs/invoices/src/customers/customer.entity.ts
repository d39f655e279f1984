import { DateTimeColumn, JsonColumn, UuidColumn, UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';

export interface CustomerAddress {
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
}

/** Someone an organization invoices. Soft-deleted (deletedAt) once an invoice refers to it. */
@Entity('customers')
@Index('ix_customers_org_name', ['organizationId', 'name'])
@Index('ix_customers_org_created', ['organizationId', 'createdAt'])
export class CustomerEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  @UuidColumn({ name: 'organization_id' })
  organizationId!: string;

  @VarcharColumn(200)
  name!: string;

  @VarcharColumn(254, { nullable: true })
  email!: string | null;

  @JsonColumn({ nullable: true })
  address!: CustomerAddress | null;

  @VarcharColumn(64, { name: 'tax_id', nullable: true })
  taxId!: string | null;

  /** Default ISO 4217 currency of this customer's invoices. */
  @VarcharColumn(3, { nullable: true })
  currency!: string | null;

  @DateTimeColumn({ name: 'deleted_at', nullable: true, precision: 3 })
  deletedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
