import { DateTimeColumn, IntColumn, UuidColumn, UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { Entity, Index } from 'typeorm';
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
  'deleted',
] as const;
export type InvoiceEventType = (typeof INVOICE_EVENT_TYPES)[number];

/**
 * The append-only audit trail of an invoice: rows are inserted, never updated
 * or deleted. The invoice is a plain reference, with no foreign key, so a
 * deleted draft's history stays, ending with its `deleted` event.
 */
@Entity('invoice_events')
@Index('ix_invoice_events_invoice_created', ['invoiceId', 'createdAt'])
export class InvoiceEventEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  @UuidColumn({ name: 'organization_id' })
  organizationId!: string;

  @UuidColumn({ name: 'invoice_id' })
  invoiceId!: string;

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
