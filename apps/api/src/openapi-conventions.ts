import { OpenAPIObject } from '@nestjs/swagger';

const RATE_LIMIT_HEADERS = {
  RateLimit: {
    description: 'IETF draft RateLimit field (`limit=…, remaining=…, reset=…`), sent on rate-limited routes',
    schema: { type: 'string', maxLength: 200, pattern: '^[ -~]*$' },
  },
  'RateLimit-Policy': {
    description: 'IETF draft RateLimit-Policy field describing the quota, sent on rate-limited routes',
    schema: { type: 'string', maxLength: 200, pattern: '^[ -~]*$' },
  },
};

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': {
    description: 'Echoes the request Origin when it is one of CORS_ORIGINS; absent otherwise',
    schema: { type: 'string', format: 'uri', maxLength: 2000 },
  },
};

/**
 * Conventions applied to the whole document in one place rather than on every
 * operation: CORS and rate-limit headers on responses, declared tags, and the
 * server's audience.
 */
export function applyDocumentConventions(document: OpenAPIObject): OpenAPIObject {
  const tags = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as { tags?: string[]; responses?: Record<string, { headers?: object }> }[]) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      operation.tags?.forEach((tag) => tags.add(tag));
      for (const [status, response] of Object.entries(operation.responses)) {
        const rateLimited = /^[24]\d\d$/.test(status) ? RATE_LIMIT_HEADERS : {};
        response.headers = { ...CORS_HEADERS, ...rateLimited, ...response.headers };
      }
    }
  }
  const declared = new Set((document.tags ?? []).map((t) => t.name));
  document.tags = [
    ...(document.tags ?? []),
    ...[...tags]
      .filter((t) => !declared.has(t))
      .sort()
      .map((name) => ({ name })),
  ];
  document.servers = (document.servers ?? []).map((server) => ({ ...server, 'x-internal': false }));
  return document;
}
