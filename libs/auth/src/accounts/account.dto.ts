import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords/password-policy';
import { IsAcceptablePassword } from '../passwords/is-acceptable-password.decorator';
import { ORG_ROLES, OrgRole } from '../organizations/membership.entity';
import { OrganizationDto } from '../organizations/organization.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.com', format: 'email', maxLength: 254 })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({
    example: 'violet-otter-drives-42-trams',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    format: 'password',
    description: '12–128 characters, not a common or leaked password',
  })
  @IsString()
  @IsAcceptablePassword()
  password!: string;

  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'Analytical Engines Ltd', minLength: 1, maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  organizationName!: string;
}

export class LoginDto {
  @ApiProperty({ example: 'ada@example.com', format: 'email', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'violet-otter-drives-42-trams', format: 'password', maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class RefreshDto {
  @ApiPropertyOptional({
    description: 'The refresh token; omit it in cookie mode (it is read from the httpOnly cookie)',
    example: 'q4J1n0m1b3Xv1Yk2cQ9sH0oXq2kq7sVtQm3kCq1l5eI',
    maxLength: 200,
    pattern: '^[A-Za-z0-9_-]+$',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

export class TransportQueryDto {
  @ApiPropertyOptional({
    enum: ['body', 'cookie'],
    default: 'body',
    description: '`cookie` puts the refresh token in an httpOnly cookie (browser apps) instead of the body',
  })
  @IsOptional()
  @IsIn(['body', 'cookie'])
  transport?: 'body' | 'cookie';
}

export class UserDto {
  @ApiProperty({ format: 'uuid', example: '6f1d5d2e-9a0b-4a51-8d7e-0f3c3a1b2c4d' })
  id!: string;

  @ApiProperty({ format: 'email', example: 'ada@example.com', maxLength: 254 })
  email!: string;

  @ApiProperty({ example: 'Ada Lovelace', maxLength: 200 })
  name!: string;

  @ApiProperty({ enum: ['active', 'disabled'], example: 'active' })
  status!: 'active' | 'disabled';

  @ApiProperty({
    enum: ['operator'],
    nullable: true,
    example: 'operator',
    description: 'Platform role, unrelated to any organization; null for most users',
  })
  platformRole!: 'operator' | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  createdAt!: Date;
}

export class MeDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({ type: OrganizationDto, nullable: true })
  organization!: OrganizationDto | null;

  @ApiProperty({ enum: ORG_ROLES, nullable: true, example: 'owner' })
  role!: OrgRole | null;
}

export class SessionDto extends MeDto {
  @ApiProperty({ description: 'JWT access token (Bearer)', example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…', maxLength: 4096 })
  accessToken!: string;

  @ApiPropertyOptional({
    description: 'Opaque refresh token; absent in cookie mode',
    example: 'q4J1n0m1b3Xv1Yk2cQ9sH0oXq2kq7sVtQm3kCq1l5eI',
    maxLength: 200,
  })
  refreshToken?: string;

  @ApiPropertyOptional({
    description:
      'Cookie mode only: the value of the nexus_csrf cookie, to send back in X-CSRF-Token on cookie refresh and logout ' +
      "(for an app on another origin of the same site, e.g. app.example.com calling api.example.com, which cannot read the API host's cookie); a new one with every cookie session",
    example: 'tX3n1b0J9q2w7kVvR8eLm4sYc6pA5dZf',
    maxLength: 64,
  })
  csrfToken?: string;

  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn!: number;
}
