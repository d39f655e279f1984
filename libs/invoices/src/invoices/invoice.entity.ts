import {
  BigIntColumn,
  CalendarDateColumn,
  DateTimeColumn,
  IntColumn,
  JsonColumn,
  UuidColumn,
  UuidPrimaryColumn,
  VarcharColumn,
} from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { CustomerAddress, CustomerEntity } from '../customers/customer.entity';
import { InvoiceStatus } from './invoice-status';

/** The customer as it was when the invoice was finalized; the PDF and the API show this, not later edits. */
export interface CustomerSnapshot {
  id: string;
  name: string;
  email: string | null;
  address: CustomerAddress | null;
  taxId: string | null;
}

/** One rate's share of the tax total, frozen with the invoice. */
export interface StoredTaxBreakdown {
  taxRateId: string;
  name: string;
  ratePpm: number;
  inclusive: boolean;
  amount: number;
}

/**
 * An invoice. Every amount is an integer in the currency's minor unit,
 * computed by the server when the draft is written and frozen at
 * finalization; reads, lists, payments and the PDF all use these columns.
 */
@Entity('invoices')
@Index('uq_invoices_org_number', ['organizationId', 'number'], { unique: true })
@Index('ix_invoices_org_created', ['organizationId', 'createdAt'])
@Index('ix_invoices_org_status_due', ['organizationId', 'status', 'dueDate'])
@Index('ix_invoices_org_customer', ['organizationId', 'customerId'])
@Index('ix_invoices_org_issue_date', ['organizationId', 'issueDate'])
@Index('ix_invoices_org_due_date', ['organizationId', 'dueDate'])
@Index('ix_invoices_org_total', ['organizationId', 'total'])
@Index('ix_invoices_status_due', ['status', 'dueDate'])
export class InvoiceEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  @UuidColumn({ name: 'organization_id' })
  organizationId!: string;

  @UuidColumn({ name: 'customer_id' })
  customerId!: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: CustomerEntity;

  @VarcharColumn(16)
  status!: InvoiceStatus;

  /** `{PREFIX}-{YYYY}-{NNNNNN}`, assigned at finalization; null for drafts. */
  @VarcharColumn(32, { nullable: true })
  number!: string | null;

  /** ISO 4217. */
  @VarcharColumn(3)
  currency!: string;

  @CalendarDateColumn({ name: 'issue_date', nullable: true })
  issueDate!: string | null;

  @CalendarDateColumn({ name: 'due_date', nullable: true })
  dueDate!: string | null;

  @IntColumn({ name: 'net_days', nullable: true })
  netDays!: number | null;

  @VarcharColumn(2000, { nullable: true })
  memo!: string | null;

  @BigIntColumn()
  subtotal!: number;

  @BigIntColumn({ name: 'discount_total' })
  discountTotal!: number;

  @BigIntColumn({ name: 'tax_total' })
  taxTotal!: number;

  @JsonColumn({ name: 'tax_breakdown' })
  taxBreakdown!: StoredTaxBreakdown[];

  @BigIntColumn()
  total!: number;

  @BigIntColumn({ name: 'amount_paid' })
  amountPaid!: number;

  @BigIntColumn({ name: 'amount_due' })
  amountDue!: number;

  @JsonColumn({ name: 'customer_snapshot', nullable: true })
  customerSnapshot!: CustomerSnapshot | null;

  /** The snapshot's customer name, for `q`: a finalized invoice is found by the name it shows. Null on drafts. */
  @VarcharColumn(200, { name: 'customer_name', nullable: true })
  customerName!: string | null;

  /** Incremented by every change; the ETag is W/"<version>". */
  @IntColumn()
  version!: number;

  @DateTimeColumn({ name: 'finalized_at', nullable: true, precision: 3 })
  finalizedAt!: Date | null;

  @DateTimeColumn({ name: 'paid_at', nullable: true, precision: 3 })
  paidAt!: Date | null;

  @DateTimeColumn({ name: 'voided_at', nullable: true, precision: 3 })
  voidedAt!: Date | null;

  @DateTimeColumn({ name: 'marked_uncollectible_at', nullable: true, precision: 3 })
  markedUncollectibleAt!: Date | null;

  /** When the `overdue` event was recorded; set once, so the daily job records it once. */
  @DateTimeColumn({ name: 'overdue_recorded_at', nullable: true, precision: 3 })
  overdueRecordedAt!: Date | null;

  /** Set by the application with millisecond precision, so the default list order (newest first) is stable on every database. */
  @DateTimeColumn({ name: 'created_at', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
