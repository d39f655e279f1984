import { defineJob, QUEUES } from '@nexus/core';

/** Records an `overdue` event for each invoice that became overdue (idempotent). */
export const RECORD_OVERDUE_JOB = defineJob<{ day: string }>(QUEUES.invoices, 'record-overdue');

/** One job id per UTC day: any number of schedulers or retries produce one sweep a day. */
export function recordOverdueJobId(day: string): string {
  return `invoices-overdue:${day}`;
}
