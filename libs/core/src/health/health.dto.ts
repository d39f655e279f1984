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
}
