import { BigIntColumn, DateTimeColumn, UuidColumn, UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { InvoiceEntity } from '../invoices/invoice.entity';

export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'card', 'check', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Money received against an invoice, in the invoice's currency and minor unit. */
@Entity('payments')
@Index('ix_payments_invoice_paid', ['invoiceId', 'paidAt'])
export class PaymentEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  @UuidColumn({ name: 'organization_id' })
  organizationId!: string;

  @UuidColumn({ name: 'invoice_id' })
  invoiceId!: string;

  @ManyToOne(() => InvoiceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: InvoiceEntity;

  @BigIntColumn()
  amount!: number;

  @DateTimeColumn({ name: 'paid_at', precision: 3 })
  paidAt!: Date;

  @VarcharColumn(16)
  method!: PaymentMethod;

  @VarcharColumn(200, { nullable: true })
  reference!: string | null;

  @UuidColumn({ name: 'recorded_by', nullable: true })
  recordedBy!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
