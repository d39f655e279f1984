import { ApiPropertyOptional } from '@nestjs/swagger';
import { SortedPageQueryDto } from '@nexus/core';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { MAX_AMOUNT } from '../money/decimals';
import { CALENDAR_DATE_PATTERN, IsCalendarDate } from '../validators';
import { INVOICE_STATUSES, InvoiceStatus } from './invoice-status';

export const INVOICE_SORT_FIELDS = ['createdAt', 'issueDate', 'dueDate', 'total', 'number'] as const;
export const INVOICE_LIST_STATUSES = [...INVOICE_STATUSES, 'overdue'] as const;

const DATE = { type: String, format: 'date', pattern: CALENDAR_DATE_PATTERN, maxLength: 10 } as const;
const TOTAL = { type: 'integer', format: 'int64', minimum: 0, maximum: MAX_AMOUNT } as const;

/** `GET /invoices` filters; ranges use bracketed operators: `?issueDate[gte]=2026-01-01&total[lte]=50000`. */
export class InvoiceListQueryDto extends SortedPageQueryDto {
  @ApiPropertyOptional({
    enum: INVOICE_LIST_STATUSES,
    example: 'open',
    description: 'overdue: open and past due in the organization’s time zone',
  })
  @IsOptional()
  @IsIn(INVOICE_LIST_STATUSES)
  status?: InvoiceStatus | 'overdue';

  @ApiPropertyOptional({ format: 'uuid', example: '3f1e2d3c-4b5a-4c1f-9f0e-0b7c1e526a4e' })
  @IsOptional()
  @IsUUID('all')
  customerId?: string;

  @ApiPropertyOptional({ ...DATE, name: 'issueDate[gte]', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  'issueDate[gte]'?: string;

  @ApiPropertyOptional({ ...DATE, name: 'issueDate[lte]', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  'issueDate[lte]'?: string;

  @ApiPropertyOptional({ ...DATE, name: 'dueDate[gte]', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  'dueDate[gte]'?: string;

  @ApiPropertyOptional({ ...DATE, name: 'dueDate[lte]', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  'dueDate[lte]'?: string;

  @ApiPropertyOptional({ ...TOTAL, name: 'total[gte]', example: 10000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  'total[gte]'?: number;

  @ApiPropertyOptional({ ...TOTAL, name: 'total[lte]', example: 50000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  'total[lte]'?: number;

  @ApiPropertyOptional({
    description: 'Substring of the invoice number or the customer’s name, case-insensitive',
    example: 'INV-2026',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}
