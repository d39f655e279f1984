import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SortedPageQueryDto } from '@nexus/core';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ANOMALY_RULES, AnomalyRule, SEVERITIES, Severity } from '../rules/anomaly-rule';
import { SAMPLE_PATHS_PER_IP } from '../analysis/request-log-analysis.repository';
import { DECISIONS, Decision, FINDING_STATUSES, FindingStatus } from './suspicious-ip.entity';

export class PathSampleDto {
  @ApiProperty({ example: '/wp-login.php', maxLength: 512 })
  path!: string;

  @ApiProperty({ example: 12, minimum: 0, format: 'int64' })
  count!: number;
}

export class BaselineEvidenceDto {
  @ApiProperty({ example: 12.5, description: 'Usual requests per hour (exponentially weighted mean)', format: 'double' })
  mean!: number;

  @ApiProperty({ example: 3.1, description: 'Usual deviation from it (exponentially weighted mean absolute deviation)', format: 'double' })
  deviation!: number;

  @ApiProperty({ example: 72, minimum: 0, maximum: 10_000_000, description: 'Hours of history behind the baseline' })
  hours!: number;
}

export class EvidenceDto {
  @ApiProperty({ example: 1520, minimum: 0, format: 'int64', description: 'Requests from the IP in the window' })
  requests!: number;

  @ApiProperty({ example: 0, minimum: 0, format: 'int64', description: 'Requests flagged as authentication failures' })
  authFailures!: number;

  @ApiProperty({ example: 14, minimum: 0, format: 'int64', description: 'Distinct paths answered 403 or 404' })
  probedPaths!: number;

  @ApiProperty({ example: 3, minimum: 0, format: 'int64', description: 'Requests to sensitive paths (normalised)' })
  sensitiveHits!: number;

  @ApiProperty({ type: Number, example: 100, nullable: true, format: 'double', description: 'The limit the rule compared against' })
  threshold!: number | null;

  @ApiProperty({ type: BaselineEvidenceDto, nullable: true, description: 'The baseline before this window (baseline rule)' })
  baseline!: BaselineEvidenceDto | null;

  @ApiProperty({ type: [PathSampleDto], maxItems: SAMPLE_PATHS_PER_IP, description: 'A bounded sample of the paths behind the finding' })
  samplePaths!: PathSampleDto[];
}

export class SuspiciousIpDto {
  @ApiProperty({ format: 'uuid', example: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', maxLength: 36 })
  id!: string;

  @ApiProperty({ example: '203.0.113.7', maxLength: 45 })
  ip!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  windowStart!: Date;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T11:00:00.000Z' })
  windowEnd!: Date;

  @ApiProperty({ enum: ANOMALY_RULES, example: 'probing' })
  rule!: AnomalyRule;

  @ApiProperty({ example: '14 distinct paths answered 403/404 in 1 h (threshold 10)', maxLength: 500 })
  reason!: string;

  @ApiProperty({ type: EvidenceDto })
  evidence!: EvidenceDto;

  @ApiProperty({ enum: SEVERITIES, example: 'medium' })
  severity!: Severity;

  @ApiProperty({ type: String, nullable: true, example: 'NL', maxLength: 2, pattern: '^[A-Z]{2}$' })
  country!: string | null;

  @ApiProperty({ enum: FINDING_STATUSES, example: 'open' })
  status!: FindingStatus;

  @ApiProperty({
    enum: DECISIONS,
    example: 'ban',
    description:
      'flag: recorded only; ban: an auto block rule was created; dry_run: would have banned (ANOMALY_DRY_RUN); safelisted: an allow rule covers the IP; already_blocked: a block rule was already in force',
  })
  decision!: Decision;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3600,
    minimum: 1,
    maximum: 315_360_000,
    description: 'Length of the ban (or of the one a dry run would have issued)',
  })
  banSeconds!: number | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null, maxLength: 36, description: 'The auto block rule created' })
  ipRuleId!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T11:01:02.000Z' })
  createdAt!: Date;
}

export class SuspiciousIpQueryDto extends SortedPageQueryDto {
  @ApiPropertyOptional({ enum: FINDING_STATUSES })
  @IsOptional()
  @IsIn(FINDING_STATUSES)
  status?: FindingStatus;

  @ApiPropertyOptional({ enum: ANOMALY_RULES })
  @IsOptional()
  @IsIn(ANOMALY_RULES)
  rule?: AnomalyRule;

  @ApiPropertyOptional({ example: '203.0.113.7', maxLength: 45 })
  @IsOptional()
  @IsString()
  @MaxLength(45)
  ip?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-26T00:00:00Z', description: 'Windows starting at or after this' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-27T00:00:00Z', description: 'Windows starting before this' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class UpdateSuspiciousIpDto {
  @ApiProperty({ enum: FINDING_STATUSES, example: 'resolved' })
  @IsIn(FINDING_STATUSES)
  status!: FindingStatus;
}
