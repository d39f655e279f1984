import { OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '@nexus/core';

const RATE_LIMIT_HEADERS = {
  RateLimit: {
    description:
      'IETF draft RateLimit field, one item per policy applied: `"<policy>";r=<requests left>;t=<seconds until the window resets>`',
    schema: { type: 'string', maxLength: 200, pattern: '^[ -~]*$' },
  },
  'RateLimit-Policy': {
    description: 'IETF draft RateLimit-Policy field, one item per policy applied: `"<policy>";q=<requests>;w=<window in seconds>`',
    schema: { type: 'string', maxLength: 200, pattern: '^[ -~]*$' },
  },
};

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': {
    description: 'Echoes the request Origin when it is one of CORS_ORIGINS; absent otherwise',
    schema: { type: 'string', format: 'uri', maxLength: 2000 },
  },
};

/** Upper bounds for formatted strings that carry none of their own. */
const FORMAT_MAX_LENGTH: Record<string, number> = {
  uuid: 36,
  'date-time': 35,
  date: 10,
  email: 254,
  uri: 2000,
  'uri-reference': 2000,
  password: 128,
};

type Schema = { type?: string; format?: string; maxLength?: number; enum?: unknown[]; [key: string]: unknown };

/** Walks every schema object and bounds formatted strings (uuid, date-time, …). */
function boundStrings(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(boundStrings);
  if (!node || typeof node !== 'object') return;
  const schema = node as Schema;
  if (schema.type === 'string' && schema.format && schema.maxLength === undefined && !schema.enum) {
    const max = FORMAT_MAX_LENGTH[schema.format];
    if (max) schema.maxLength = max;
  }
  Object.values(schema).forEach(boundStrings);
}

type Operation = {
  tags?: string[];
  security?: object[];
  responses?: Record<string, { headers?: object }>;
  [PUBLIC_EXTENSION]?: boolean | 'or-bearer';
};

/**
 * Conventions applied to the whole document in one place rather than on every
 * operation: security requirements that match the global guard (bearer unless
 * `@Public()`), CORS and rate-limit headers on responses, bounded strings,
 * declared tags, and the server's audience.
 */
export function applyDocumentConventions(document: OpenAPIObject): OpenAPIObject {
  const tags = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Operation[]) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      operation.tags?.forEach((tag) => tags.add(tag));
      const access = operation[PUBLIC_EXTENSION];
      operation.security = access === 'or-bearer' ? [{}, { bearer: [] }] : access ? [{}] : [{ bearer: [] }];
      delete operation[PUBLIC_EXTENSION];
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
  boundStrings(document);
  return document;
}
