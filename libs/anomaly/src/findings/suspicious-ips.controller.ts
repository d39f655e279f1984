import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PlatformRole } from '@nexus/auth';
import { ApiPaginatedResponse, ApiProblemResponses, Paginated } from '@nexus/core';
import { SuspiciousIpDto, SuspiciousIpQueryDto, UpdateSuspiciousIpDto } from './suspicious-ip.dto';
import { SuspiciousIpsService } from './suspicious-ips.service';

@ApiTags('security')
@ApiBearerAuth('bearer')
@PlatformRole('operator')
@Controller('security/suspicious-ips')
export class SuspiciousIpsController {
  constructor(private readonly findings: SuspiciousIpsService) {}

  @Get()
  @ApiOperation({
    summary: 'Findings of anomaly detection, newest window first, filtered by status, rule, ip and window start (operators)',
    description: 'Sortable by windowStart, createdAt, ip and severity.',
    operationId: 'suspiciousIpsList',
  })
  @ApiPaginatedResponse(SuspiciousIpDto)
  @ApiProblemResponses(401, 403, 429)
  list(@Query() query: SuspiciousIpQueryDto): Promise<Paginated<SuspiciousIpDto>> {
    return this.findings.list(query);
  }

  @Patch(':id')
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
  @ApiOperation({
    summary: 'Mark a finding open, resolved or dismissed (operators)',
    description: 'Changes only the status: a ban the finding caused stays until it expires or its IP rule is deleted.',
    operationId: 'suspiciousIpsUpdate',
  })
  @ApiOkResponse({ type: SuspiciousIpDto })
  @ApiProblemResponses(401, 403, 404, 429)
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateSuspiciousIpDto): Promise<SuspiciousIpDto> {
    return this.findings.setStatus(id, dto.status);
  }
}
