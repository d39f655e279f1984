import { Controller, Get, Header, ServiceUnavailableException } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AppConfig } from '../config/app-config';
import { ServiceUnavailableError } from '../errors/app-error';
import { ApiProblemResponses } from '../openapi/api-problem-responses.decorator';
import { HealthContributors } from '../observability/health-contributors';
import { RedisService } from '../redis/redis.service';
import { Probe } from '../http/probe.decorator';
import { Public } from '../http/public.decorator';
import { CheckDto, LiveDto, ReadyDto } from './health.dto';

const CHECK_TIMEOUT_MS = 1500;

@ApiTags('health')
@ApiExtraModels(CheckDto)
@Public()
@Probe()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisService,
    private readonly config: AppConfig,
    private readonly contributors: HealthContributors,
  ) {}

  @Get('live')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Liveness: the process is up and serving', operationId: 'healthLive' })
  @ApiOkResponse({ type: LiveDto })
  @ApiProblemResponses()
  live(): LiveDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Readiness: the database and, in services mode, Redis answer', operationId: 'healthReady' })
  @ApiOkResponse({ type: ReadyDto })
  @ApiProblemResponses(503)
  async ready(): Promise<ReadyDto> {
    const checks: (() => Promise<HealthIndicatorResult>)[] = [() => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS })];
    if (this.config.mode === 'services') checks.push(() => this.redisCheck());
    try {
      const result = await this.health.check(checks);
      return { status: 'ok', mode: this.config.mode, checks: result.details as ReadyDto['checks'], details: this.contributors.collect() };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const body = error.getResponse() as { details?: Record<string, unknown>; error?: Record<string, unknown> };
      const down = Object.keys(body.error ?? {}).join(', ');
      throw new ServiceUnavailableError(`Not ready: ${down || 'a dependency'} is down`, 'not_ready', {
        checks: body.details,
        details: this.contributors.collect(),
      });
    }
  }

  private async redisCheck(): Promise<HealthIndicatorResult<'redis'>> {
    const check = this.indicators.check('redis');
    try {
      await this.redis.ping(CHECK_TIMEOUT_MS);
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
