import { ApiProperty } from '@nestjs/swagger';
import { AddressDto } from '../customers/customer.dto';
import { CURRENCY_CODES } from '../money/currencies';
import { MAX_AMOUNT, QUANTITY_PATTERN } from '../money/decimals';
import { DiscountDto, MAX_LINES, MAX_NET_DAYS, MAX_TAX_RATES_PER_LINE } from './invoice-input.dto';
import { INVOICE_STATUSES, InvoiceStatus } from './invoice-status';

const AMOUNT = { type: 'integer', format: 'int64', minimum: 0, maximum: MAX_AMOUNT } as const;
const INSTANT = { type: String, format: 'date-time', nullable: true, example: '2026-11-26T10:00:00.000Z' } as const;
const DATE = { type: String, format: 'date', nullable: true, maxLength: 10 } as const;

export class TaxBreakdownDto {
  @ApiProperty({ format: 'uuid', example: '9d4c2b1a-0e3f-4a5b-8c7d-6e5f4a3b2c1d' })
  taxRateId!: string;

  @ApiProperty({ example: 'VAT', maxLength: 100 })
  name!: string;

  @ApiProperty({ example: 19, minimum: 0, maximum: 100 })
  percentage!: number;

  @ApiProperty({ example: false })
  inclusive!: boolean;

  @ApiProperty({ ...AMOUNT, example: 2635, description: 'Sum of this rate’s rounded line taxes' })
  amount!: number;
}

export class InvoiceLineDto {
  @ApiProperty({ format: 'uuid', example: '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b' })
  id!: string;

  @ApiProperty({ example: 'Difference engine maintenance', maxLength: 500 })
  description!: string;

  @ApiProperty({ example: '1', pattern: QUANTITY_PATTERN, maxLength: 14 })
  quantity!: string;

  @ApiProperty({ ...AMOUNT, example: 13866 })
  unitAmount!: number;

  @ApiProperty({ type: DiscountDto, nullable: true })
  discount!: DiscountDto | null;

  @ApiProperty({ type: [String], format: 'uuid', maxItems: MAX_TAX_RATES_PER_LINE, example: ['9d4c2b1a-0e3f-4a5b-8c7d-6e5f4a3b2c1d'] })
  taxRateIds!: string[];

  @ApiProperty({ ...AMOUNT, example: 13866, description: 'quantity × unitAmount, rounded half up' })
  amount!: number;

  @ApiProperty({ ...AMOUNT, example: 0 })
  discountAmount!: number;

  @ApiProperty({ ...AMOUNT, example: 2635, description: 'This line’s taxes, each rounded half up' })
  taxAmount!: number;
}

export class CustomerSnapshotDto {
  @ApiProperty({ format: 'uuid', example: '3f1e2d3c-4b5a-4c1f-9f0e-0b7c1e526a4e' })
  id!: string;

  @ApiProperty({ example: 'Babbage & Co', maxLength: 200 })
  name!: string;

  @ApiProperty({ type: String, format: 'email', nullable: true, example: 'billing@babbage.example' })
  email!: string | null;

  @ApiProperty({ type: AddressDto, nullable: true })
  address!: AddressDto | null;

  @ApiProperty({ type: String, nullable: true, maxLength: 64, example: 'GB123456789' })
  taxId!: string | null;
}

export class InvoiceDto {
  @ApiProperty({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'INV-2026-000001', maxLength: 32, description: 'Assigned at finalization' })
  number!: string | null;

  @ApiProperty({ enum: INVOICE_STATUSES, example: 'open' })
  status!: InvoiceStatus;

  @ApiProperty({
    example: 1,
    minimum: 1,
    maximum: 2_147_483_647,
    type: 'integer',
    format: 'int32',
    description: 'Send it back in If-Match',
  })
  version!: number;

  @ApiProperty({ format: 'uuid', example: '3f1e2d3c-4b5a-4c1f-9f0e-0b7c1e526a4e' })
  customerId!: string;

  @ApiProperty({ type: CustomerSnapshotDto, nullable: true, description: 'The customer as it was at finalization; null for drafts' })
  customerSnapshot!: CustomerSnapshotDto | null;

  @ApiProperty({ enum: CURRENCY_CODES as string[], example: 'USD' })
  currency!: string;

  @ApiProperty({ ...DATE, example: '2026-11-26' })
  issueDate!: string | null;

  @ApiProperty({ ...DATE, example: '2026-12-26' })
  dueDate!: string | null;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: MAX_NET_DAYS, nullable: true, example: 30 })
  netDays!: number | null;

  @ApiProperty({ type: String, nullable: true, maxLength: 2000, example: 'Thank you for your business.' })
  memo!: string | null;

  @ApiProperty({ type: [InvoiceLineDto], maxItems: MAX_LINES })
  lines!: InvoiceLineDto[];

  @ApiProperty({ ...AMOUNT, example: 13866, description: 'Σ line amounts' })
  subtotal!: number;

  @ApiProperty({ ...AMOUNT, example: 0, description: 'Σ line discounts' })
  discountTotal!: number;

  @ApiProperty({ ...AMOUNT, example: 2635, description: 'Σ line taxes, inclusive and exclusive' })
  taxTotal!: number;

  @ApiProperty({ type: [TaxBreakdownDto], maxItems: MAX_LINES * MAX_TAX_RATES_PER_LINE })
  taxBreakdown!: TaxBreakdownDto[];

  @ApiProperty({ ...AMOUNT, example: 16501, description: 'subtotal − discountTotal + exclusive taxes' })
  total!: number;

  @ApiProperty({ ...AMOUNT, example: 0 })
  amountPaid!: number;

  @ApiProperty({ ...AMOUNT, example: 16501 })
  amountDue!: number;

  @ApiProperty({ example: false, description: 'Open and past its due date in the organization’s time zone' })
  isOverdue!: boolean;

  @ApiProperty(INSTANT)
  finalizedAt!: Date | null;

  @ApiProperty(INSTANT)
  paidAt!: Date | null;

  @ApiProperty(INSTANT)
  voidedAt!: Date | null;

  @ApiProperty(INSTANT)
  markedUncollectibleAt!: Date | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  updatedAt!: Date;
}
