import { Controller, Get, Header, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, MetricsRegistry, PublicOrBearer } from '@nexus/core';
import type { FastifyReply } from 'fastify';
import { MetricsAccessGuard } from './metrics-access.guard';

const EXAMPLE = `# HELP nexus_http_request_duration_seconds HTTP request duration, by route template, method and status class
# TYPE nexus_http_request_duration_seconds histogram
nexus_http_request_duration_seconds_bucket{le="0.005",route="/api/v1/invoices",method="GET",status_class="2xx"} 118
nexus_http_request_duration_seconds_sum{route="/api/v1/invoices",method="GET",status_class="2xx"} 0.412
nexus_http_request_duration_seconds_count{route="/api/v1/invoices",method="GET",status_class="2xx"} 120
# HELP nexus_queue_jobs Jobs in each queue by state (finished jobs as far as they are kept)
# TYPE nexus_queue_jobs gauge
nexus_queue_jobs{queue="anomaly",state="failed"} 0
`;

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get()
  @PublicOrBearer()
  @UseGuards(MetricsAccessGuard)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth('bearer')
  @ApiOperation({
    summary: 'Prometheus metrics (text exposition format)',
    description:
      'Served without a token to clients in METRICS_ALLOW (Prometheus), otherwise only with an operator access token. ' +
      'HTTP durations by route/method/status class, blocked and throttled requests, request-log buffer, queue depth, ' +
      'anomaly findings and bans, cache hits and misses, and the default process metrics.',
    operationId: 'metrics',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text format 0.0.4',
    content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: { type: 'string', maxLength: 10_000_000 }, example: EXAMPLE } },
  })
  @ApiProblemResponses(401, 403, 429)
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const body = await this.registry.metrics();
    void reply.type(this.registry.contentType);
    return body;
  }
}
