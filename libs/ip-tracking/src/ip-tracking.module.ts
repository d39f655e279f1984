import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@nexus/auth';
import { EdgePipeline } from './edge/edge-pipeline';
import { IP_TRACKING_ENTITIES } from './entities';
import { GeoIpService } from './geo/geo-ip.service';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { HousekeepingJobs } from './request-log/housekeeping.jobs';
import { RequestLogMetrics } from './request-log/request-log.metrics';
import { RequestLogBuffer } from './request-log/request-log.buffer';
import { RequestLogsController } from './request-log/request-logs.controller';
import { RequestLogsRepository } from './request-log/request-logs.repository';
import { IpRulesController } from './rules/ip-rules.controller';
import { IpRulesRepository } from './rules/ip-rules.repository';
import { IpRulesService } from './rules/ip-rules.service';

/**
 * Client IPs, the edge pipeline (safelist → blocklist → rate limit → log),
 * offline geolocation, IP rules and request logs. The app registers the
 * exported RateLimitGuard globally, before the access-token guard.
 */
@Module({
  imports: [TypeOrmModule.forFeature(IP_TRACKING_ENTITIES), RateLimitModule, AuthModule],
  controllers: [IpRulesController, RequestLogsController],
  providers: [
    GeoIpService,
    IpRulesRepository,
    IpRulesService,
    RequestLogsRepository,
    RequestLogBuffer,
    RequestLogMetrics,
    EdgePipeline,
    HousekeepingJobs,
  ],
  exports: [IpRulesService, GeoIpService, RequestLogBuffer, RateLimitModule],
})
export class IpTrackingModule {}
