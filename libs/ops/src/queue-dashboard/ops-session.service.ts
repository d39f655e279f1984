import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import jwt from 'jsonwebtoken';
import { OpsSessionDto } from './ops-session.dto';
import { OPS_COOKIE_PATH, QUEUE_DASHBOARD_PATH } from './queue-dashboard.paths';

export const OPS_SESSION_COOKIE = 'nexus_ops';

/**
 * Browsers cannot put a bearer token on a page they navigate to, so an
 * operator's access token is handed to them as an httpOnly, Secure,
 * SameSite=Strict cookie sent only to /ops, and lives exactly as long as the token.
 */
@Injectable()
export class OpsSessionService {
  /** `accessToken` was verified by the global guard; only its expiry is read here. */
  open(reply: FastifyReply, accessToken: string): OpsSessionDto {
    const { exp } = jwt.decode(accessToken) as { exp: number };
    const maxAge = Math.max(0, exp - Math.floor(Date.now() / 1000));
    this.write(reply, accessToken, maxAge);
    return { dashboardUrl: QUEUE_DASHBOARD_PATH, expiresAt: new Date(exp * 1000).toISOString() };
  }

  close(reply: FastifyReply): void {
    this.write(reply, '', 0);
  }

  /** The access token from the cookie, if the request carries one. */
  tokenFrom(request: FastifyRequest): string | undefined {
    // Parsed here only: the cookie plugin runs without its per-request hook.
    const cookies = request.headers.cookie ? request.server.parseCookie(request.headers.cookie) : {};
    return cookies[OPS_SESSION_COOKIE] || undefined;
  }

  private write(reply: FastifyReply, value: string, maxAge: number): void {
    reply.header(
      'set-cookie',
      reply.server.serializeCookie(OPS_SESSION_COOKIE, value, {
        httpOnly: true,
        secure: true,
        sameSite: 'strict',
        path: OPS_COOKIE_PATH,
        maxAge,
      }),
    );
  }
}
