import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@nexus/core';
import jwt from 'jsonwebtoken';
import type { KeyObject } from 'node:crypto';
import { AccessTokenClaims, AuthenticatedUser, JWT_ALGORITHM, JWT_KEY } from './access-token';

/**
 * Reads an Authorization header without failing: the user when it carries a
 * valid access token, otherwise null. For code that runs before the auth guard
 * (rate limiting per user) and must not reject anything itself.
 */
@Injectable()
export class AccessTokenReader {
  private readonly options: jwt.VerifyOptions & { complete?: false };

  constructor(
    @Inject(JWT_KEY) private readonly key: KeyObject,
    config: AppConfig,
  ) {
    this.options = { algorithms: [JWT_ALGORITHM], issuer: config.jwt.issuer, audience: config.jwt.audience };
  }

  read(authorization: string | undefined): AuthenticatedUser | null {
    if (!authorization || !authorization.startsWith('Bearer ')) return null;
    try {
      const claims = jwt.verify(authorization.slice(7), this.key, this.options) as AccessTokenClaims & { exp?: number };
      if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string') return null;
      return { userId: claims.sub, organizationId: claims.org ?? null, role: claims.role ?? null, platformRole: claims.prole ?? null };
    } catch {
      return null;
    }
  }
}
