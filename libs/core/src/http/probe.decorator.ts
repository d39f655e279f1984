import { SetMetadata } from '@nestjs/common';

export const IS_PROBE = 'nexus:isProbe';

/**
 * Marks a health probe. Probes are rate limited like every route, but when
 * the rate limiter cannot reach Redis and fails closed, they are still
 * answered: a liveness probe failing for Redis would only restart healthy
 * processes (readiness reports Redis itself).
 */
export const Probe = () => SetMetadata(IS_PROBE, true);
