import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, JobQueue } from '@nexus/core';
import { SuspiciousIpEntity } from '../findings/suspicious-ip.entity';
import { toSuspiciousIpDto } from '../findings/suspicious-ip.mapper';
import { AlertMarksRepository } from './alert-marks.repository';
import { ALERT_ATTEMPTS, ALERT_BACKOFF_MS, ALERT_QUIET_MS, FindingAlert, SEND_ALERT_JOB } from './alerts.jobs';

/**
 * Every new finding is logged; with ALERT_WEBHOOK_URL set it is also sent,
 * through the `alerts` queue, unless its IP and rule alerted within the hour.
 */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger('AnomalyFindings');

  constructor(
    private readonly marks: AlertMarksRepository,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  /** Returns how many alerts were queued. */
  async notify(findings: SuspiciousIpEntity[], now = new Date()): Promise<number> {
    for (const finding of findings) {
      this.logger.warn(
        `Suspicious IP ${finding.ip}: ${finding.rule} (${finding.severity}) in ${finding.windowStart.toISOString()}–${finding.windowEnd.toISOString()}: ${finding.reason} → ${finding.decision}`,
      );
    }
    if (!this.config.anomaly.alertWebhookUrl || findings.length === 0) return 0;
    await this.marks.purgeBefore(new Date(now.getTime() - ALERT_QUIET_MS));
    let queued = 0;
    for (const finding of findings) {
      if (!(await this.marks.claim(finding.ip, finding.rule, now, ALERT_QUIET_MS))) continue;
      const alert = { event: 'anomaly.finding', finding: JSON.parse(JSON.stringify(toSuspiciousIpDto(finding))) } as FindingAlert;
      await this.jobs.add(SEND_ALERT_JOB, alert, { jobId: `alert:${finding.id}`, attempts: ALERT_ATTEMPTS, backoffMs: ALERT_BACKOFF_MS });
      queued += 1;
    }
    return queued;
  }
}
