import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlatformRole } from '@nexus/auth';
import { ApiPaginatedResponse, ApiProblemResponses, paginated, Paginated, ValidationError } from '@nexus/core';
import { RequestLogDto, RequestLogQueryDto, StatsDto, StatsQueryDto } from '../rules/security.dto';
import { RequestLogsRepository } from './request-logs.repository';

const TOP = 10;

@ApiTags('security')
@ApiBearerAuth('bearer')
@PlatformRole('operator')
@Controller('security')
export class RequestLogsController {
  constructor(private readonly logs: RequestLogsRepository) {}

  @Get('request-logs')
  @ApiOperation({
    summary: 'Logged requests, newest first, filtered by ip, path, status, country and time (operators)',
    operationId: 'requestLogsList',
  })
  @ApiPaginatedResponse(RequestLogDto)
  @ApiProblemResponses(401, 403)
  async list(@Query() query: RequestLogQueryDto): Promise<Paginated<RequestLogDto>> {
    const [rows, total] = await this.logs.list(query);
    return paginated(rows, total, query);
  }

  @Get('stats')
  @ApiOperation({
    summary: 'Top IPs, paths and countries, and counts by status class, within [from, to) (operators)',
    operationId: 'requestLogsStats',
  })
  @ApiOkResponse({ type: StatsDto })
  @ApiProblemResponses(401, 403)
  async stats(@Query() { from, to }: StatsQueryDto): Promise<StatsDto> {
    if (from >= to) throw new ValidationError([{ field: 'to', message: 'to must be after from' }]);
    const [topIps, topPaths, topCountries, statusClasses] = await Promise.all([
      this.logs.top('ip', from, to, TOP),
      this.logs.top('path', from, to, TOP),
      this.logs.top('country', from, to, TOP),
      this.logs.statusClasses(from, to),
    ]);
    return { from, to, topIps, topPaths, topCountries, statusClasses };
  }
}
