import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { canonicalIp, PageQueryDto } from '@nexus/core';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsInt, IsIP, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

export class IpRuleDto {
  @ApiProperty({ format: 'uuid', example: '3b2d4c1e-5f6a-4b7c-8d9e-0f1a2b3c4d5e' })
  id!: string;

  @ApiProperty({ enum: ['block', 'allow'], example: 'block' })
  kind!: 'block' | 'allow';

  @ApiProperty({ enum: ['ip', 'cidr', 'country'], example: 'cidr' })
  targetType!: 'ip' | 'cidr' | 'country';

  @ApiProperty({ example: '203.0.113.0/24', maxLength: 64, description: 'Canonical address, CIDR or ISO 3166-1 alpha-2 country code' })
  target!: string;

  @ApiProperty({ example: 'Credential stuffing from this range', maxLength: 500 })
  reason!: string;

  @ApiProperty({ enum: ['manual', 'auto'], example: 'manual' })
  source!: 'manual' | 'auto';

  @ApiProperty({ type: String, nullable: true, example: '6f1d5d2e-9a0b-4a51-8d7e-0f3c3a1b2c4d', maxLength: 100 })
  createdBy!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: '2026-11-27T10:00:00.000Z', description: 'Null: permanent' })
  expiresAt!: Date | null;

  @ApiProperty({ example: true, description: 'Not expired' })
  active!: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  createdAt!: Date;
}

export class CreateIpRuleDto {
  @ApiProperty({ enum: ['block', 'allow'], example: 'block' })
  @IsIn(['block', 'allow'])
  kind!: 'block' | 'allow';

  @ApiProperty({
    example: '203.0.113.0/24',
    maxLength: 64,
    description: 'An IPv4/IPv6 address, a CIDR range of either family, or a country code',
  })
  @IsString()
  @Length(2, 64)
  target!: string;

  @ApiProperty({ example: 'Credential stuffing from this range', minLength: 1, maxLength: 500 })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({
    example: 3600,
    minimum: 1,
    maximum: 315_360_000,
    description: 'Seconds until the rule expires; omit for a permanent rule',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(315_360_000)
  durationSeconds?: number;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class IpRuleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['block', 'allow'] })
  @IsOptional()
  @IsIn(['block', 'allow'])
  kind?: 'block' | 'allow';

  @ApiPropertyOptional({ enum: ['manual', 'auto'] })
  @IsOptional()
  @IsIn(['manual', 'auto'])
  source?: 'manual' | 'auto';

  @ApiPropertyOptional({ type: Boolean, description: 'true: only rules in force; false: only expired ones' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: '203.0.113.0/24', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  target?: string;
}

export class RequestLogDto {
  @ApiProperty({ example: 1042 })
  id!: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  occurredAt!: Date;

  @ApiProperty({ example: '203.0.113.7', maxLength: 45 })
  ip!: string;

  @ApiProperty({ example: 'POST', maxLength: 10 })
  method!: string;

  @ApiProperty({ example: '/api/v1/auth/login', maxLength: 512 })
  path!: string;

  @ApiProperty({ type: String, example: '/api/v1/auth/login', nullable: true, maxLength: 255 })
  route!: string | null;

  @ApiProperty({ example: 401 })
  status!: number;

  @ApiProperty({ example: 42 })
  latencyMs!: number;

  @ApiProperty({ type: String, example: 'curl/8.5.0', nullable: true, maxLength: 512 })
  userAgent!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null })
  userId!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null })
  organizationId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'GB', maxLength: 2 })
  country!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'London', maxLength: 128 })
  city!: string | null;

  @ApiProperty({ example: false })
  blocked!: boolean;

  @ApiProperty({ example: false })
  throttled!: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'wrong_password', maxLength: 32 })
  authFailure!: string | null;
}

export class RequestLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'An IPv4 or IPv6 address, in any spelling (`2001:DB8:0::1`, `::ffff:192.0.2.7`): compared in canonical form',
    example: '203.0.113.7',
    maxLength: 45,
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? (canonicalIp(value.trim()) ?? value) : value))
  @IsIP(undefined, { message: 'ip must be an IPv4 or IPv6 address' })
  @MaxLength(45)
  ip?: string;

  @ApiPropertyOptional({ example: '/api/v1/auth/login', maxLength: 512 })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  path?: string;

  @ApiPropertyOptional({ example: 403, minimum: 100, maximum: 599 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(599)
  status?: number;

  @ApiPropertyOptional({ example: 'GB', minLength: 2, maxLength: 2 })
  @IsOptional()
  @IsString()
  @Length(2, 2)
  country?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-26T00:00:00Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-27T00:00:00Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class StatsQueryDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-26T00:00:00Z' })
  @Type(() => Date)
  @IsDate()
  from!: Date;

  @ApiProperty({ format: 'date-time', example: '2026-11-27T00:00:00Z' })
  @Type(() => Date)
  @IsDate()
  to!: Date;
}

export class CountDto {
  @ApiProperty({ example: '203.0.113.7', maxLength: 512 })
  key!: string;

  @ApiProperty({ example: 1520 })
  count!: number;
}

export class StatsDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-26T00:00:00Z' })
  from!: Date;

  @ApiProperty({ format: 'date-time', example: '2026-11-27T00:00:00Z' })
  to!: Date;

  @ApiProperty({ type: [CountDto], maxItems: 10 })
  topIps!: CountDto[];

  @ApiProperty({ type: [CountDto], maxItems: 10 })
  topPaths!: CountDto[];

  @ApiProperty({ type: [CountDto], maxItems: 10 })
  topCountries!: CountDto[];

  @ApiProperty({ example: { '1xx': 0, '2xx': 9120, '3xx': 4, '4xx': 311, '5xx': 2 } })
  statusClasses!: Record<string, number>;
}
