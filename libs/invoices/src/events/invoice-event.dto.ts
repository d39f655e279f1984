import { ApiProperty } from '@nestjs/swagger';
import { INVOICE_STATUSES, InvoiceStatus } from '../invoices/invoice-status';
import { INVOICE_EVENT_TYPES, InvoiceEventType } from './invoice-event.entity';

export class InvoiceEventDto {
  @ApiProperty({ format: 'uuid', example: '2b3c4d5e-6f70-4819-9a0b-1c2d3e4f5a6b' })
  id!: string;

  @ApiProperty({ enum: INVOICE_EVENT_TYPES, example: 'finalized' })
  type!: InvoiceEventType;

  @ApiProperty({ enum: INVOICE_STATUSES, nullable: true, example: 'draft' })
  fromStatus!: InvoiceStatus | null;

  @ApiProperty({ enum: INVOICE_STATUSES, nullable: true, example: 'open' })
  toStatus!: InvoiceStatus | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '6f1d5d2e-9a0b-4a51-8d7e-0f3c3a1b2c4d',
    description: 'Null for the system',
  })
  actorId!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  createdAt!: Date;
}
