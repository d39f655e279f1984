import { SetMetadata } from '@nestjs/common';

export const AUTH_RATE_LIMITED = 'nexus:authRateLimited';

/**
 * The stricter login/register limits apply to this route (per IP when
 * anonymous, per user when authenticated), on top of the global limit.
 */
export const AuthRateLimited = () => SetMetadata(AUTH_RATE_LIMITED, true);
