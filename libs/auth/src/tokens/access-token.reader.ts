import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@nexus/core';
import jwt from 'jsonwebtoken';
import type { KeyObject } from 'node:crypto';
import { AccessTokenClaims, AuthenticatedUser, JWT_ALGORITHM, JWT_KEY } from './access-token';

/** Why a request carries no usable access token. */
export type TokenFailure = 'missing_token' | 'invalid_token' | 'token_expired';

export type TokenCheck = { user: AuthenticatedUser; failure?: undefined } | { user?: undefined; failure: TokenFailure };

/** Verified tokens remembered; past this many the oldest are forgotten (and verified again if they come back). */
const VERIFIED_TOKENS = 10_000;

interface Verified {
  user: AuthenticatedUser;
  expiresAtMs: number;
}

/**
 * The one place access tokens are verified: HS256 only (so `alg: none` and
 * other algorithms fail), against a prebuilt key object, with iss, aud and exp
 * required. A token is verified once: the rate limiter (before auth), the
 * global guard and the operator endpoints ask again for the same string, and
 * a client sends the same token for its whole 15-minute life. The memo holds
 * only tokens whose signature checked out, and honours their expiry.
 */
@Injectable()
export class AccessTokenReader {
  private readonly options: jwt.VerifyOptions & { complete?: false };
  private readonly verified = new Map<string, Verified>();

  constructor(
    @Inject(JWT_KEY) private readonly key: KeyObject,
    config: AppConfig,
  ) {
    this.options = { algorithms: [JWT_ALGORITHM], issuer: config.jwt.issuer, audience: config.jwt.audience };
  }

  /** The caller, or null whatever the reason: for code that must not reject anything itself (rate limiting). */
  read(authorization: string | undefined): AuthenticatedUser | null {
    return this.check(authorization).user ?? null;
  }

  check(authorization: string | undefined): TokenCheck {
    if (!authorization || !authorization.startsWith('Bearer ')) return { failure: authorization ? 'invalid_token' : 'missing_token' };
    const token = authorization.slice(7);
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return { user: known.user };
      this.verified.delete(token);
      return { failure: 'token_expired' };
    }
    return this.verify(token);
  }

  private verify(token: string): TokenCheck {
    let claims: AccessTokenClaims & { exp?: unknown };
    try {
      claims = jwt.verify(token, this.key, this.options) as AccessTokenClaims & { exp?: unknown };
    } catch (error) {
      return { failure: error instanceof jwt.TokenExpiredError ? 'token_expired' : 'invalid_token' };
    }
    // jsonwebtoken checks exp only when present; a token without one would never expire, so refuse it.
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string') return { failure: 'invalid_token' };
    const user: AuthenticatedUser = {
      userId: claims.sub,
      organizationId: claims.org ?? null,
      role: claims.role ?? null,
      platformRole: claims.prole ?? null,
    };
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { user, expiresAtMs: claims.exp * 1000 });
    return { user };
  }
}
