import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Helmet's headers, computed once at start-up. `@fastify/helmet` calls
 * `helmet(options)` again on every request, which measured as the single
 * largest per-request cost of the API; the headers never vary per request here.
 * Headers that only matter to legacy browsers rendering HTML are left out
 * (OWASP's REST cheat sheet set: CSP, HSTS, nosniff, frame denial, referrer and
 * cross-origin policies).
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => delete headers[name],
  } as unknown as ServerResponse;
  helmet({
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    originAgentCluster: false,
    xFrameOptions: { action: 'deny' },
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
        scriptSrc: [`'self'`],
        frameAncestors: [`'none'`],
      },
    },
  })({} as IncomingMessage, response, () => undefined);
  return headers;
}
