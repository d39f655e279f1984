import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IpTrackingModule } from '@nexus/ip-tracking';
import { AlertMarksRepository } from './alerts/alert-marks.repository';
import { AlertProcessor } from './alerts/alert.processor';
import { AlertsService } from './alerts/alerts.service';
import { AnalysisController } from './analysis/analysis.controller';
import { AnalysisProcessor } from './analysis/analysis.processor';
import { AnalysisScheduler } from './analysis/analysis.scheduler';
import { AnalysisService } from './analysis/analysis.service';
import { RequestLogAnalysisRepository } from './analysis/request-log-analysis.repository';
import { WindowAnalyzer } from './analysis/window-analyzer';
import { DecisionService } from './decisions/decision.service';
import { IpBanService } from './decisions/ip-ban.service';
import { ANOMALY_ENTITIES } from './entities';
import { SuspiciousIpsController } from './findings/suspicious-ips.controller';
import { AnomalyMetrics } from './findings/anomaly.metrics';
import { SuspiciousIpsRepository } from './findings/suspicious-ips.repository';
import { SuspiciousIpsService } from './findings/suspicious-ips.service';

/**
 * Anomaly detection over the request logs: scheduled and on-demand window
 * analysis, suspicious-IP findings, bans through the ip-tracking service, and
 * webhook alerts. Its jobs run in the worker (in the API when embedded).
 */
@Module({
  imports: [TypeOrmModule.forFeature(ANOMALY_ENTITIES), IpTrackingModule],
  controllers: [SuspiciousIpsController, AnalysisController],
  providers: [
    RequestLogAnalysisRepository,
    SuspiciousIpsRepository,
    AnomalyMetrics,
    AlertMarksRepository,
    WindowAnalyzer,
    IpBanService,
    DecisionService,
    AlertsService,
    AlertProcessor,
    AnalysisService,
    AnalysisProcessor,
    AnalysisScheduler,
    SuspiciousIpsService,
  ],
  exports: [AnalysisService],
})
export class AnomalyModule {}
