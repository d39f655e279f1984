import { Injectable } from '@nestjs/common';
import { AppConfig, ForbiddenError, markAuthFailure } from '@nexus/core';
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

  /** Returns the CSRF token, for the body too: a single-page app on another origin cannot read the API's cookie. */
  set(reply: FastifyReply, refreshToken: string): string {
    const csrf = randomBytes(24).toString('base64url');
    this.write(reply, refreshToken, csrf, this.config.jwt.refreshTtlSeconds);
    return csrf;
  }

  clear(reply: FastifyReply): void {
    this.write(reply, '', '', 0);
  }

  // Serialized here rather than through reply.setCookie: the cookie plugin runs without its per-request hooks.
  private write(reply: FastifyReply, refreshToken: string, csrf: string, maxAge: number): void {
    const serialize = reply.server.serializeCookie;
    reply.header('set-cookie', [
      serialize(REFRESH_COOKIE, refreshToken, { httpOnly: true, secure: true, sameSite: 'strict', path: REFRESH_COOKIE_PATH, maxAge }),
      serialize(CSRF_COOKIE, csrf, { httpOnly: false, secure: true, sameSite: 'strict', path: '/', maxAge }),
    ]);
  }

  /** The cookie's refresh token, after checking the CSRF double submit; undefined if there is no cookie. */
  readVerified(request: FastifyRequest): string | undefined {
    // Cookies are parsed here only (the plugin runs with `hook: false`).
    const cookies = request.headers.cookie ? request.server.parseCookie(request.headers.cookie) : {};
    const token = cookies[REFRESH_COOKIE];
    if (!token) return undefined;
    const cookie = cookies[CSRF_COOKIE] ?? '';
    const header = request.headers[CSRF_HEADER];
    const echoed = typeof header === 'string' ? header : '';
    const a = Buffer.from(cookie);
    const b = Buffer.from(echoed);
    if (cookie.length === 0 || a.length !== b.length || !timingSafeEqual(a, b)) {
      // A refusal like a bad token: the request log and the anomaly rules count it.
      markAuthFailure(request, 'csrf_failed');
      throw new ForbiddenError(
        `Cookie-based refresh and logout need the ${CSRF_COOKIE} cookie echoed in the X-CSRF-Token header`,
        'csrf_failed',
      );
    }
    return token;
  }
}
