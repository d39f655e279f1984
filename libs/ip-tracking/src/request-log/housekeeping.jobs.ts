import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AppConfig, defineJob, JobHandler, JobQueue, QUEUES } from '@nexus/core';
import { IpRulesRepository } from '../rules/ip-rules.repository';
import { RequestLogsRepository } from './request-logs.repository';

export const REQUEST_LOG_RETENTION = defineJob<{ day: string }>(QUEUES.maintenance, 'request-log-retention');
export const EXPIRED_RULES_CLEANUP = defineJob<{ day: string }>(QUEUES.maintenance, 'ip-rules-cleanup');

/** Expired rules are kept this long for the record before they are deleted. */
const EXPIRED_RULE_RETENTION_DAYS = 30;

/**
 * Daily housekeeping. The cron handlers only enqueue, with a job id fixed by
 * the day, so any number of schedulers produce one run per day.
 */
@Injectable()
export class HousekeepingJobs {
  private readonly logger = new Logger(HousekeepingJobs.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly logs: RequestLogsRepository,
    private readonly rules: IpRulesRepository,
    private readonly config: AppConfig,
  ) {}

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'request-log-retention', timeZone: 'UTC' })
  async schedule(now = new Date()): Promise<void> {
    const day = now.toISOString().slice(0, 10);
    await this.jobs.add(REQUEST_LOG_RETENTION, { day }, { jobId: `request-log-retention:${day}` });
    await this.jobs.add(EXPIRED_RULES_CLEANUP, { day }, { jobId: `ip-rules-cleanup:${day}` });
  }

  @JobHandler(REQUEST_LOG_RETENTION)
  async deleteOldRequestLogs(): Promise<{ deleted: number }> {
    const cutoff = new Date(Date.now() - this.config.requestLog.retentionDays * 86_400_000);
    const deleted = await this.logs.deleteOlderThan(cutoff);
    this.logger.log(`Deleted ${deleted} request-log rows older than ${cutoff.toISOString()}`);
    return { deleted };
  }

  @JobHandler(EXPIRED_RULES_CLEANUP)
  async deleteExpiredRules(): Promise<{ deleted: number }> {
    const deleted = await this.rules.deleteExpiredBefore(new Date(Date.now() - EXPIRED_RULE_RETENTION_DAYS * 86_400_000));
    return { deleted };
  }
}
