import { defineJob, QUEUES } from '@nexus/core';

/** Deletes refresh tokens expired longer than EXPIRED_TOKEN_RETENTION_MS ago. */
export const PURGE_REFRESH_TOKENS_JOB = defineJob<{ day: string }>(QUEUES.maintenance, 'purge-refresh-tokens');

export function purgeRefreshTokensJobId(day: string): string {
  return `auth-refresh-token-purge:${day}`;
}
