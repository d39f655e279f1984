/**
 * Every Bull queue, by name. Modules define their jobs against these with
 * `defineJob(QUEUES.x, 'job-name')`; the apps register them all.
 */
export const QUEUES = {
  /** Housekeeping: retention, expired-rule cleanup. */
  maintenance: 'maintenance',
} as const;

export const ALL_QUEUES: readonly string[] = Object.values(QUEUES);
