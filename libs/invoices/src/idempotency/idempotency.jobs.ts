import { defineJob, QUEUES } from '@nexus/core';

/** Deletes Idempotency-Keys past their expiry. */
export const PURGE_IDEMPOTENCY_KEYS_JOB = defineJob<{ day: string }>(QUEUES.invoices, 'purge-idempotency-keys');

export function purgeIdempotencyKeysJobId(day: string): string {
  return `invoices-idempotency-purge:${day}`;
}
