/**
 * Every Bull queue, by name. Modules define their jobs against these with
 * `defineJob(QUEUES.x, 'job-name')`; the apps register them all.
 */
export const QUEUES = {
  /** Housekeeping: retention, expired-rule cleanup. */
  maintenance: 'maintenance',
  /** Invoices: the daily overdue sweep, idempotency-key expiry. */
  invoices: 'invoices',
  /** Anomaly detection: the hourly window analysis, the 5-minute scanner pass, operator-requested windows. */
  anomaly: 'anomaly',
  /** Outgoing alerts (the anomaly webhook), retried on their own so a slow receiver never delays analysis. */
  alerts: 'alerts',
} as const;

export const ALL_QUEUES: readonly string[] = Object.values(QUEUES);
