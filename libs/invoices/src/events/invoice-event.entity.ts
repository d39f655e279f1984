import { DateTimeColumn, IntColumn, UuidColumn, UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { InvoiceEntity } from '../invoices/invoice.entity';
import { InvoiceStatus } from '../invoices/invoice-status';

export const INVOICE_EVENT_TYPES = [
  'created',
  'updated',
  'finalized',
  'payment_recorded',
  'paid',
  'voided',
  'marked_uncollectible',
  'overdue',
] as const;
export type InvoiceEventType = (typeof INVOICE_EVENT_TYPES)[number];

/** The append-only audit trail of an invoice: rows are inserted, never updated. */
@Entity('invoice_events')
@Index('ix_invoice_events_invoice_created', ['invoiceId', 'createdAt'])
export class InvoiceEventEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  @UuidColumn({ name: 'organization_id' })
  organizationId!: string;

  @UuidColumn({ name: 'invoice_id' })
  invoiceId!: string;

  @ManyToOne(() => InvoiceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: InvoiceEntity;

  @VarcharColumn(32)
  type!: InvoiceEventType;

  @VarcharColumn(16, { name: 'from_status', nullable: true })
  fromStatus!: InvoiceStatus | null;

  @VarcharColumn(16, { name: 'to_status', nullable: true })
  toStatus!: InvoiceStatus | null;

  /** The user who caused it; null for the system (the overdue job). */
  @UuidColumn({ name: 'actor_id', nullable: true })
  actorId!: string | null;

  /** The invoice version after the event: orders events written in the same millisecond. */
  @IntColumn({ name: 'invoice_version' })
  invoiceVersion!: number;

  @DateTimeColumn({ name: 'created_at', precision: 3 })
  createdAt!: Date;
}
