import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_AMOUNT } from '../money/decimals';
import { Trim } from '../validators';
import { PAYMENT_METHODS, PaymentMethod } from './payment.entity';

export class CreatePaymentDto {
  @ApiProperty({
    type: 'integer',
    format: 'int64',
    minimum: 1,
    maximum: MAX_AMOUNT,
    example: 16501,
    description: 'Minor units of the invoice’s currency; at most the amount due',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount!: number;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-26T10:00:00.000Z',
    description: 'When the money was received; defaults to now',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  paidAt?: string;

  @ApiProperty({ enum: PAYMENT_METHODS, example: 'bank_transfer' })
  @IsIn(PAYMENT_METHODS)
  method!: PaymentMethod;

  @ApiPropertyOptional({ example: 'SEPA-2026-11-26-0042', maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  reference?: string;
}

export class PaymentDto {
  @ApiProperty({ format: 'uuid', example: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  invoiceId!: string;

  @ApiProperty({ type: 'integer', format: 'int64', minimum: 1, maximum: MAX_AMOUNT, example: 16501 })
  amount!: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  paidAt!: Date;

  @ApiProperty({ enum: PAYMENT_METHODS, example: 'bank_transfer' })
  method!: PaymentMethod;

  @ApiProperty({ type: String, nullable: true, maxLength: 200, example: 'SEPA-2026-11-26-0042' })
  reference!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:01.000Z' })
  createdAt!: Date;
}
