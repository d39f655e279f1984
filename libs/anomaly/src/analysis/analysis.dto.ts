import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate } from 'class-validator';

export class StartAnalysisDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00Z', description: 'Start of the window (inclusive)' })
  @Type(() => Date)
  @IsDate()
  from!: Date;

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-26T11:00:00Z',
    description: 'End of the window (exclusive); at most 7 days after from',
  })
  @Type(() => Date)
  @IsDate()
  to!: Date;
}

export class AnalysisJobDto {
  @ApiProperty({ example: 'anomaly:manual:5f1c1b8e-3a55-4f8e-9f59-2f1f0f4b1c2d', maxLength: 100, pattern: '^[A-Za-z0-9:._-]{1,100}$' })
  jobId!: string;
}

const COUNT = { minimum: 0, maximum: 100_000_000, example: 0 };

export class FindingsByRuleDto {
  @ApiProperty(COUNT)
  volume!: number;

  @ApiProperty(COUNT)
  sensitive_path!: number;

  @ApiProperty(COUNT)
  probing!: number;

  @ApiProperty(COUNT)
  auth_failure!: number;

  @ApiProperty(COUNT)
  baseline!: number;
}

export class AnalysisResultDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  windowStart!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-26T11:00:00.000Z' })
  windowEnd!: string;

  @ApiProperty({ enum: ['full', 'scan'], example: 'full', description: 'full: every rule; scan: the 5-minute scanner pass' })
  pass!: 'full' | 'scan';

  @ApiProperty({ ...COUNT, example: 3, description: 'New findings recorded by this run' })
  findings!: number;

  @ApiProperty({ type: FindingsByRuleDto, description: 'New findings per rule' })
  byRule!: FindingsByRuleDto;

  @ApiProperty({ ...COUNT, description: 'Findings an earlier run of the same window had already recorded' })
  duplicates!: number;

  @ApiProperty({ ...COUNT, example: 1, description: 'Auto block rules created' })
  bans!: number;

  @ApiProperty({ example: false, description: 'ANOMALY_DRY_RUN was on: decisions recorded, nobody banned' })
  dryRun!: boolean;
}

export class AnalysisStatusDto {
  @ApiProperty({ example: 'anomaly:manual:5f1c1b8e-3a55-4f8e-9f59-2f1f0f4b1c2d', maxLength: 100, pattern: '^[A-Za-z0-9:._-]{1,100}$' })
  jobId!: string;

  @ApiProperty({ enum: ['waiting', 'active', 'completed', 'failed'], example: 'completed' })
  state!: 'waiting' | 'active' | 'completed' | 'failed';

  @ApiProperty({ type: AnalysisResultDto, nullable: true, description: 'Set once completed' })
  result!: AnalysisResultDto | null;

  @ApiProperty({ type: String, nullable: true, example: null, maxLength: 2000, description: 'Why the job failed, once failed' })
  failedReason!: string | null;
}
