import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable, SortedPageQueryDto } from '@nexus/core';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsPercentage, Trim } from '../validators';

export class CreateTaxRateDto {
  @ApiProperty({ example: 'VAT', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: 19, minimum: 0, maximum: 100, description: 'Percent, at most 4 decimal places (7.6543)' })
  @IsPercentage()
  percentage!: number;

  @ApiPropertyOptional({ example: false, default: false, description: 'True when prices already include this tax' })
  @IsOptional()
  @IsBoolean()
  inclusive?: boolean;

  @ApiPropertyOptional({
    example: true,
    default: true,
    description: 'Inactive rates stay on existing invoices but cannot be added to lines',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** Percentage and inclusiveness never change (create a new rate instead): invoices refer to what a rate meant. */
export class UpdateTaxRateDto {
  @ApiPropertyOptional({ example: 'VAT (standard)', minLength: 1, maxLength: 100 })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ example: false })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

export class TaxRateDto {
  @ApiProperty({ format: 'uuid', example: '9d4c2b1a-0e3f-4a5b-8c7d-6e5f4a3b2c1d' })
  id!: string;

  @ApiProperty({ example: 'VAT', maxLength: 100 })
  name!: string;

  @ApiProperty({ example: 19, minimum: 0, maximum: 100, description: 'Percent, at most 4 decimal places' })
  percentage!: number;

  @ApiProperty({ example: false })
  inclusive!: boolean;

  @ApiProperty({ example: true })
  active!: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  updatedAt!: Date;
}

export const TAX_RATE_SORT_FIELDS = ['name', 'createdAt'] as const;

export class TaxRateListQueryDto extends SortedPageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only active (true) or inactive (false) rates' })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}
