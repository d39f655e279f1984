import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOmittable } from '@nexus/core';
import { IsEmail, IsIn, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsAcceptablePassword } from '../passwords/is-acceptable-password.decorator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords/password-policy';
import { ORG_ROLES, OrgRole } from './membership.entity';

/** The form of an invoice number prefix (INVOICE_NUMBER_PREFIX takes the same). */
export const INVOICE_PREFIX_PATTERN = /^[A-Z0-9]{1,10}$/;

const TIME_ZONES: string[] = Intl.supportedValuesOf('timeZone').concat('UTC');
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class OrganizationDto {
  @ApiProperty({ format: 'uuid', example: '0b7c1e52-6a4e-4c1f-9f0e-3f1e2d3c4b5a' })
  id!: string;

  @ApiProperty({ example: 'Analytical Engines Ltd', maxLength: 200 })
  name!: string;

  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone used for due dates and "overdue"', maxLength: 64 })
  timeZone!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'ACME',
    pattern: INVOICE_PREFIX_PATTERN.source,
    maxLength: 10,
    description: "Starts the organization's invoice numbers (ACME-2026-000001); null: the server default (INVOICE_NUMBER_PREFIX)",
  })
  invoicePrefix!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  createdAt!: Date;
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional({ example: 'Analytical Engines GmbH', minLength: 1, maxLength: 200 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: 'An IANA time zone name', maxLength: 64 })
  @IsOmittable()
  @IsIn(TIME_ZONES, { message: 'timeZone must be an IANA time zone such as Europe/Berlin' })
  timeZone?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'ACME',
    pattern: INVOICE_PREFIX_PATTERN.source,
    maxLength: 10,
    description: 'Prefix of invoice numbers finalized from now on (numbers already given keep theirs); null: the server default',
  })
  @ValidateIf((_object, value) => value !== undefined && value !== null)
  @Matches(INVOICE_PREFIX_PATTERN, { message: 'invoicePrefix must be 1-10 upper-case letters or digits, such as ACME' })
  invoicePrefix?: string | null;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid', example: '6f1d5d2e-9a0b-4a51-8d7e-0f3c3a1b2c4d' })
  userId!: string;

  @ApiProperty({ format: 'email', example: 'grace@example.com', maxLength: 254 })
  email!: string;

  @ApiProperty({ example: 'Grace Hopper', maxLength: 200 })
  name!: string;

  @ApiProperty({ enum: ORG_ROLES, example: 'accountant' })
  role!: OrgRole;

  @ApiProperty({ enum: ['active', 'disabled'], example: 'active' })
  status!: 'active' | 'disabled';

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  joinedAt!: Date;
}

export class AddMemberDto {
  @ApiProperty({ example: 'grace@example.com', format: 'email', maxLength: 254 })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Grace Hopper', minLength: 1, maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ORG_ROLES, example: 'accountant' })
  @IsIn(ORG_ROLES)
  role!: OrgRole;

  @ApiProperty({
    example: 'compiler-bugs-in-1947-moth',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    format: 'password',
    description: 'Initial password: 12–128 characters, not a common password',
  })
  @IsString()
  @IsAcceptablePassword()
  password!: string;
}

export class UpdateMemberDto {
  @ApiProperty({ enum: ORG_ROLES, example: 'admin' })
  @IsIn(ORG_ROLES)
  role!: OrgRole;
}
