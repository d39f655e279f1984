import { ApiProperty } from '@nestjs/swagger';

export class OpsSessionDto {
  @ApiProperty({ example: '/ops/queues', maxLength: 100, pattern: '^/[ -~]*$', description: 'The dashboard to open in the same browser' })
  dashboardUrl!: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-11-26T10:15:00.000Z',
    description: 'When the cookie expires, with the access token it holds; open a new session after that',
  })
  expiresAt!: string;
}
