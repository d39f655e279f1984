import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { compile } from '@fastify/proxy-addr';
import { TrustProxySetting } from '../config/trust-proxy';

export const REQUEST_ID_HEADER = 'x-request-id';
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Whether the directly connected peer is one of our proxies. */
export function peerTrustFunction(setting: TrustProxySetting): (address: string) => boolean {
  if (setting === false) return () => false;
  if (setting === true) return () => true;
  if (typeof setting === 'number') return () => setting > 0;
  const trust = compile(setting);
  return (address) => trust(address, 0);
}

/**
 * Fastify's `genReqId`: a well-formed `X-Request-Id` from a trusted proxy is
 * kept so one id follows the request across services; otherwise a new UUID.
 * The id is also stored on the raw request for the pino-http logger.
 */
export function requestIdGenerator(setting: TrustProxySetting): (req: IncomingMessage) => string {
  const trusted = peerTrustFunction(setting);
  return (req) => {
    const header = req.headers[REQUEST_ID_HEADER];
    const candidate = Array.isArray(header) ? header[0] : header;
    const id = candidate && VALID_REQUEST_ID.test(candidate) && trusted(req.socket.remoteAddress ?? '') ? candidate : randomUUID();
    (req as IncomingMessage & { id: string }).id = id;
    return id;
  };
}
