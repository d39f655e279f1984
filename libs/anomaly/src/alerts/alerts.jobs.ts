import { defineJob, QUEUES } from '@nexus/core';
import type { SuspiciousIpDto } from '../findings/suspicious-ip.dto';

/** A finding as JSON: the body POSTed to ALERT_WEBHOOK_URL. */
export interface FindingAlert {
  event: 'anomaly.finding';
  finding: { [K in keyof SuspiciousIpDto]: SuspiciousIpDto[K] extends Date ? string : SuspiciousIpDto[K] };
}

export const SEND_ALERT_JOB = defineJob<FindingAlert>(QUEUES.alerts, 'send-webhook');

/** The same IP and rule alert at most once within this period. */
export const ALERT_QUIET_MS = 3_600_000;
/** A receiver that is down gets this many tries, 1 s, 2 s, 4 s, 8 s apart. */
export const ALERT_ATTEMPTS = 5;
export const ALERT_BACKOFF_MS = 1000;
