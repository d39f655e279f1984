import { Injectable } from '@nestjs/common';
import { AppConfig, ForbiddenError } from '@nexus/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const REFRESH_COOKIE = 'nexus_refresh';
export const CSRF_COOKIE = 'nexus_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const REFRESH_COOKIE_PATH = '/api/v1/auth';

/**
 * Browser mode: the refresh token lives in an httpOnly, Secure, SameSite=Strict
 * cookie scoped to the auth routes, and requests that use it must echo the
 * readable CSRF cookie in X-CSRF-Token (double submit).
 */
@Injectable()
export class AuthCookies {
  constructor(private readonly config: AppConfig) {}

  set(reply: FastifyReply, refreshToken: string): void {
    const maxAge = this.config.jwt.refreshTtlSeconds;
    reply.setCookie(REFRESH_COOKIE, refreshToken, { httpOnly: true, secure: true, sameSite: 'strict', path: REFRESH_COOKIE_PATH, maxAge });
    reply.setCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), {
      httpOnly: false,
      secure: true,
      sameSite: 'strict',
      path: '/',
      maxAge,
    });
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  /** The cookie's refresh token, after checking the CSRF double submit; undefined if there is no cookie. */
  readVerified(request: FastifyRequest): string | undefined {
    const token = request.cookies?.[REFRESH_COOKIE];
    if (!token) return undefined;
    const cookie = request.cookies?.[CSRF_COOKIE] ?? '';
    const header = request.headers[CSRF_HEADER];
    const echoed = typeof header === 'string' ? header : '';
    const a = Buffer.from(cookie);
    const b = Buffer.from(echoed);
    if (cookie.length === 0 || a.length !== b.length || !timingSafeEqual(a, b)) {
      throw new ForbiddenError(
        `Cookie-based refresh and logout need the ${CSRF_COOKIE} cookie echoed in the X-CSRF-Token header`,
        'csrf_failed',
      );
    }
    return token;
  }
}
