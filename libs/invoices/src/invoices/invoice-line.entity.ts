import { BigIntColumn, IntColumn, JsonColumn, UuidColumn, UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { InvoiceEntity } from './invoice.entity';

export type DiscountType = 'percent' | 'amount';

/** A tax rate as the line used it, with the line's rounded tax for it. */
export interface StoredLineTax {
  taxRateId: string;
  name: string;
  ratePpm: number;
  inclusive: boolean;
  amount: number;
}

/** One line of an invoice; its amounts are computed by the server (see money/invoice-calculator.ts). */
@Entity('invoice_lines')
@Index('ix_invoice_lines_invoice', ['invoiceId', 'position'])
export class InvoiceLineEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  @UuidColumn({ name: 'organization_id' })
  organizationId!: string;

  @UuidColumn({ name: 'invoice_id' })
  invoiceId!: string;

  @ManyToOne(() => InvoiceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: InvoiceEntity;

  @IntColumn()
  position!: number;

  @VarcharColumn(500)
  description!: string;

  /** Ten-thousandths of a unit: "2.5" → 25000. */
  @BigIntColumn({ name: 'quantity_e4' })
  quantityE4!: number;

  @BigIntColumn({ name: 'unit_amount' })
  unitAmount!: number;

  @VarcharColumn(8, { name: 'discount_type', nullable: true })
  discountType!: DiscountType | null;

  /** Parts per million for a percentage, minor units for an amount. */
  @BigIntColumn({ name: 'discount_value', nullable: true })
  discountValue!: number | null;

  /** quantity × unitAmount, rounded half up. */
  @BigIntColumn()
  amount!: number;

  @BigIntColumn({ name: 'discount_amount' })
  discountAmount!: number;

  @BigIntColumn({ name: 'tax_amount' })
  taxAmount!: number;

  @JsonColumn()
  taxes!: StoredLineTax[];
}
