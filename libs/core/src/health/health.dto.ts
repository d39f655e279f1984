import { ApiProperty } from '@nestjs/swagger';

export class LiveDto {
  @ApiProperty({ example: 'ok', enum: ['ok'] })
  status!: 'ok';
}

export class CheckDto {
  @ApiProperty({ example: 'up', enum: ['up', 'down'] })
  status!: 'up' | 'down';
}

export class ReadyDto {
  @ApiProperty({ example: 'ok', enum: ['ok'] })
  status!: 'ok';

  @ApiProperty({ example: 'embedded', enum: ['embedded', 'services'] })
  mode!: 'embedded' | 'services';

  @ApiProperty({
    description: 'One entry per dependency',
    example: { database: { status: 'up' } },
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/CheckDto' },
  })
  checks!: Record<string, CheckDto>;

  @ApiProperty({
    description: 'What modules report, e.g. the request-log buffer (buffered, dropped, inserts, rowsWritten, lastError)',
    example: { requestLog: { buffered: 12, dropped: 0, rejected: 0, inserts: 318, rowsWritten: 15421, lastError: null } },
    type: 'object',
    additionalProperties: { type: 'object' },
  })
  details!: Record<string, Record<string, unknown>>;
}
