import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PlatformRole } from '@nexus/auth';
import { ApiProblemResponses, ValidationError } from '@nexus/core';
import { MAX_WINDOW_MS } from './analysis-window';
import { AnalysisJobDto, AnalysisStatusDto, StartAnalysisDto } from './analysis.dto';
import { AnalysisService } from './analysis.service';

const JOB_ID = /^[A-Za-z0-9:._-]{1,100}$/;

@ApiTags('security')
@ApiBearerAuth('bearer')
@PlatformRole('operator')
@Controller('security/analysis')
export class AnalysisController {
  constructor(private readonly analysis: AnalysisService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Analyse any window [from, to) now, with every rule (operators)',
    description:
      'Queues the analysis and answers at once; follow it with GET /security/analysis/{jobId}. Re-running a window records nothing twice.',
    operationId: 'analysisStart',
  })
  @ApiAcceptedResponse({ type: AnalysisJobDto, description: 'Queued' })
  @ApiProblemResponses(401, 403, 429)
  async start(@Body() { from, to }: StartAnalysisDto): Promise<AnalysisJobDto> {
    if (to.getTime() <= from.getTime()) throw new ValidationError([{ field: 'to', message: 'to must be after from' }]);
    if (to.getTime() - from.getTime() > MAX_WINDOW_MS)
      throw new ValidationError([{ field: 'to', message: 'the window may span at most 7 days' }]);
    return { jobId: await this.analysis.request({ from, to }) };
  }

  @Get(':jobId')
  @ApiParam({ name: 'jobId', schema: { type: 'string', pattern: JOB_ID.source, maxLength: 100 } })
  @ApiOperation({
    summary: 'State and result of an analysis job (operators)',
    description: 'Also answers for the scheduled runs, e.g. anomaly:analyze:2026-11-26T10 and anomaly:scan:2026-11-26T10:05.',
    operationId: 'analysisStatus',
  })
  @ApiOkResponse({ type: AnalysisStatusDto })
  @ApiProblemResponses(401, 403, 404, 429)
  status(@Param('jobId') jobId: string): Promise<AnalysisStatusDto> {
    if (!JOB_ID.test(jobId))
      throw new ValidationError([{ field: 'jobId', message: 'jobId must be 1-100 letters, digits, colons, dots, dashes or underscores' }]);
    return this.analysis.status(jobId);
  }
}
