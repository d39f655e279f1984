import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { defaultProblemFor, PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or did not validate; `errors` names each field',
  401: 'Missing, invalid or expired access token',
  403: 'Not allowed: the caller lacks the role this needs, or requests from its address are blocked',
  404: 'No such resource (or not visible to you)',
  409: 'Conflicts with the current state of the resource',
  412: 'The If-Match precondition failed',
  413: 'The request body is too large',
  415: 'Unsupported content type',
  422: 'Well-formed but cannot be processed',
  429: 'Too many requests; see Retry-After',
  500: 'Unexpected server error; quote the requestId',
  503: 'A dependency is unavailable',
};

function exampleFor(status: number) {
  const { type, title } = defaultProblemFor(status);
  return {
    type,
    title,
    status,
    detail: DESCRIPTIONS[status] ?? title,
    instance: '/api/v1/…',
    requestId: '5f1c1b8e-3a55-4f8e-9f59-2f1f0f4b1c2d',
  };
}

/**
 * Every route can answer these: 400 (validation), 403 (the edge refuses a
 * blocked address before routing), 429 (every route is rate limited) and 500.
 */
const EVERY_ROUTE = [400, 403, 429, 500];

/** Documents problem+json error responses for the given statuses and those every route can give (EVERY_ROUTE). */
export function ApiProblemResponses(...statuses: number[]) {
  const all = [...new Set([...EVERY_ROUTE, ...statuses])].sort();
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...all.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? defaultProblemFor(status).title,
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { $ref: getSchemaPath(ProblemDto) },
            example: exampleFor(status),
          },
        },
        ...(status === 429
          ? {
              headers: {
                'Retry-After': {
                  description: 'Seconds until a retry may succeed',
                  schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 2_592_000 },
                },
              },
            }
          : {}),
      }),
    ),
  );
}
