import type { FastifyRequest } from 'fastify';

/** What a request carries beyond Fastify's own fields, for logging and security decisions. */
export interface RequestFlags {
  /** Set when the request failed authentication (bad password, locked out, bad token), with the reason. */
  authFailure?: string;
  /** Refused by the IP block list, and why: `auto_ban` (an anomaly ban), `country` or `manual` (an operator's address/CIDR rule). */
  blocked?: 'auto_ban' | 'country' | 'manual';
  /** On the IP safelist: never blocked, never throttled. */
  safelisted?: boolean;
  /** Refused by a rate limit: the name of the throttler that refused it. */
  throttled?: string;
}

const FLAGS = Symbol.for('nexus.requestFlags');

type Flagged = FastifyRequest & { [FLAGS]?: RequestFlags };

export function requestFlags(request: FastifyRequest): RequestFlags {
  const flagged = request as Flagged;
  flagged[FLAGS] ??= {};
  return flagged[FLAGS];
}

/** Records an authentication failure where the request log (and the anomaly rules) can count it. */
export function markAuthFailure(request: FastifyRequest, reason: string): void {
  requestFlags(request).authFailure = reason;
}

/**
 * The client's address as Fastify resolved it under TRUST_PROXY, with
 * IPv4-mapped IPv6 (`::ffff:a.b.c.d`) reduced to plain IPv4.
 */
export function clientIp(request: FastifyRequest): string {
  const ip = request.ip ?? '';
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
