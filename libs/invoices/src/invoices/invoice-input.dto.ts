import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable } from '@nexus/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { CURRENCY_CODES } from '../money/currencies';
import { isQuantity, MAX_AMOUNT, parseQuantity, percentageToPpm, QUANTITY_PATTERN } from '../money/decimals';
import { CALENDAR_DATE_PATTERN, Clearable, IsCalendarDate, Trim } from '../validators';

export const MAX_LINES = 100;
export const MAX_TAX_RATES_PER_LINE = 5;
export const MAX_NET_DAYS = 3650;

const AMOUNT = { type: 'integer', format: 'int64', minimum: 0, maximum: MAX_AMOUNT } as const;
const CALENDAR_DATE = { type: String, format: 'date', pattern: CALENDAR_DATE_PATTERN, maxLength: 10 } as const;

export class DiscountDto {
  @ApiProperty({ enum: ['percent', 'amount'], example: 'percent' })
  @IsIn(['percent', 'amount'])
  type!: 'percent' | 'amount';

  @ApiProperty({
    example: 10,
    minimum: 0,
    maximum: MAX_AMOUNT,
    description: 'For percent: 0–100 with at most 4 decimal places. For amount: integer minor units, at most the line amount.',
  })
  @ValidateBy({
    name: 'isDiscountValue',
    validator: {
      validate: (value: unknown, args) => {
        if (typeof value !== 'number') return false;
        if ((args?.object as DiscountDto).type === 'percent') return percentageToPpm(value) !== null;
        return Number.isInteger(value) && value >= 0 && value <= MAX_AMOUNT;
      },
      defaultMessage: () => 'value must be a percentage (0–100, at most 4 decimal places) or an amount in minor units (0 to 2^53 − 1)',
    },
  })
  value!: number;
}

export class InvoiceLineInputDto {
  @ApiProperty({ example: 'Difference engine maintenance', minLength: 1, maxLength: 500 })
  @Trim()
  @IsString()
  @Length(1, 500)
  description!: string;

  @ApiProperty({
    example: '1',
    description: 'A positive decimal string with at most 4 decimal places',
    pattern: QUANTITY_PATTERN,
    maxLength: 14,
  })
  @ValidateBy({
    name: 'isQuantity',
    validator: {
      validate: (value: unknown) => isQuantity(value) && parseQuantity(value) > 0n,
      defaultMessage: () => 'quantity must be a positive decimal string with at most 4 decimal places, such as "1" or "2.5"',
    },
  })
  quantity!: string;

  @ApiProperty({ ...AMOUNT, example: 13866, description: 'Price of one unit in the currency’s minor unit (cents for USD, yen for JPY)' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  unitAmount!: number;

  @ApiPropertyOptional({ type: DiscountDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DiscountDto)
  discount?: DiscountDto;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_TAX_RATES_PER_LINE,
    example: ['9d4c2b1a-0e3f-4a5b-8c7d-6e5f4a3b2c1d'],
    description: 'Tax rates of the organization applied to this line',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAX_RATES_PER_LINE)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  taxRateIds?: string[];
}

export class CreateInvoiceDto {
  @ApiProperty({ format: 'uuid', example: '3f1e2d3c-4b5a-4c1f-9f0e-0b7c1e526a4e' })
  @IsUUID('all')
  customerId!: string;

  @ApiPropertyOptional({ enum: CURRENCY_CODES as string[], example: 'USD', description: 'ISO 4217; defaults to the customer’s currency' })
  @IsOptional()
  @IsIn(CURRENCY_CODES, { message: 'currency must be an ISO 4217 code such as USD' })
  currency?: string;

  @ApiPropertyOptional({
    ...CALENDAR_DATE,
    example: '2026-11-26',
    description: 'Defaults to the day of finalization, in the organization’s time zone',
  })
  @IsOptional()
  @IsCalendarDate()
  issueDate?: string;

  @ApiPropertyOptional({
    ...CALENDAR_DATE,
    example: '2026-12-26',
    description: 'Give dueDate or netDays, not both; neither means due on the issue date',
  })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: MAX_NET_DAYS,
    example: 30,
    description: 'Due this many days after the issue date',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_NET_DAYS)
  netDays?: number;

  @ApiPropertyOptional({ example: 'Thank you for your business.', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  memo?: string;

  @ApiPropertyOptional({ type: [InvoiceLineInputDto], maxItems: MAX_LINES })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineInputDto)
  lines?: InvoiceLineInputDto[];
}

/** Drafts only. Left-out fields stay; `null` clears issueDate, dueDate, netDays or memo; `lines` replaces every line. */
export class UpdateInvoiceDto {
  @ApiPropertyOptional({ format: 'uuid', example: '3f1e2d3c-4b5a-4c1f-9f0e-0b7c1e526a4e' })
  @IsOmittable()
  @IsUUID('all')
  customerId?: string;

  @ApiPropertyOptional({
    enum: CURRENCY_CODES as string[],
    example: 'EUR',
    description: 'A draft with lines changes currency only when `lines` are sent too, in the new currency (amounts are its minor units)',
  })
  @IsOmittable()
  @IsIn(CURRENCY_CODES, { message: 'currency must be an ISO 4217 code such as USD' })
  currency?: string;

  @ApiPropertyOptional({ ...CALENDAR_DATE, example: '2026-11-26', nullable: true })
  @Clearable()
  @IsCalendarDate()
  issueDate?: string | null;

  @ApiPropertyOptional({ ...CALENDAR_DATE, example: '2026-12-26', nullable: true, description: 'Setting it clears netDays' })
  @Clearable()
  @IsCalendarDate()
  dueDate?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: MAX_NET_DAYS,
    example: 14,
    nullable: true,
    description: 'Setting it clears dueDate',
  })
  @Clearable()
  @IsInt()
  @Min(0)
  @Max(MAX_NET_DAYS)
  netDays?: number | null;

  @ApiPropertyOptional({ type: String, example: 'Payable by bank transfer.', maxLength: 2000, nullable: true })
  @Clearable()
  @IsString()
  @MaxLength(2000)
  memo?: string | null;

  @ApiPropertyOptional({ type: [InvoiceLineInputDto], maxItems: MAX_LINES })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineInputDto)
  lines?: InvoiceLineInputDto[];
}
