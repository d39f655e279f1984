import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable, SortedPageQueryDto } from '@nexus/core';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CURRENCY_CODES } from '../money/currencies';
import { Clearable, Trim } from '../validators';

export class AddressDto {
  @ApiPropertyOptional({ example: '12 Analytical Row', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  line1?: string;

  @ApiPropertyOptional({ example: 'Suite 3', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @ApiPropertyOptional({ example: 'London', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string;

  @ApiPropertyOptional({ example: 'Greater London', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  state?: string;

  @ApiPropertyOptional({ example: 'EC1A 1BB', maxLength: 20 })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  postalCode?: string;

  @ApiPropertyOptional({ example: 'GB', description: 'ISO 3166-1 alpha-2', pattern: '^[A-Z]{2}$', maxLength: 2 })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as GB' })
  country?: string;
}

const CURRENCY = { enum: CURRENCY_CODES as string[], example: 'USD', description: 'ISO 4217 code' };

export class CreateCustomerDto {
  @ApiProperty({ example: 'Babbage & Co', minLength: 1, maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'billing@babbage.example', format: 'email', maxLength: 254 })
  @IsOptional()
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @ApiPropertyOptional({ example: 'GB123456789', maxLength: 64 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 64)
  taxId?: string;

  @ApiPropertyOptional({ ...CURRENCY, description: 'Default ISO 4217 currency of this customer’s invoices' })
  @IsOptional()
  @IsIn(CURRENCY_CODES, { message: 'currency must be an ISO 4217 code such as USD' })
  currency?: string;
}

/** Every field may be left out; `null` clears an optional one. */
export class UpdateCustomerDto {
  @ApiPropertyOptional({ example: 'Babbage & Daughters', minLength: 1, maxLength: 200 })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: String, example: 'ap@babbage.example', format: 'email', maxLength: 254, nullable: true })
  @Clearable()
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: AddressDto, nullable: true })
  @Clearable()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto | null;

  @ApiPropertyOptional({ type: String, example: 'GB987654321', maxLength: 64, nullable: true })
  @Clearable()
  @Trim()
  @IsString()
  @Length(1, 64)
  taxId?: string | null;

  @ApiPropertyOptional({ ...CURRENCY, type: String, nullable: true })
  @Clearable()
  @IsIn(CURRENCY_CODES, { message: 'currency must be an ISO 4217 code such as USD' })
  currency?: string | null;
}

export class CustomerDto {
  @ApiProperty({ format: 'uuid', example: '3f1e2d3c-4b5a-4c1f-9f0e-0b7c1e526a4e' })
  id!: string;

  @ApiProperty({ example: 'Babbage & Co', maxLength: 200 })
  name!: string;

  @ApiProperty({ example: 'billing@babbage.example', format: 'email', nullable: true, type: String })
  email!: string | null;

  @ApiProperty({ type: AddressDto, nullable: true })
  address!: AddressDto | null;

  @ApiProperty({ example: 'GB123456789', nullable: true, type: String, maxLength: 64 })
  taxId!: string | null;

  @ApiProperty({ ...CURRENCY, nullable: true, type: String })
  currency!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  updatedAt!: Date;
}

export const CUSTOMER_SORT_FIELDS = ['name', 'createdAt'] as const;

export class CustomerListQueryDto extends SortedPageQueryDto {
  @ApiPropertyOptional({ description: 'Substring of the name or email, case-insensitive', example: 'babbage', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}
