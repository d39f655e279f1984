import { HttpException } from '@nestjs/common';
import { AppError } from './app-error';
import { defaultProblemFor, FieldError, ProblemDetails } from './problem';

export interface ProblemContext {
  requestId: string;
  /** Request path without the query string. */
  path: string;
}

export interface MappedProblem {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** True for server faults, which are logged with their stack. */
  serverFault: boolean;
}

function fromHttpException(error: HttpException, where: { instance: string; requestId: string }): ProblemDetails {
  const status = error.getStatus();
  const body = error.getResponse();
  const base = defaultProblemFor(status);
  if (typeof body === 'string') return { ...base, status, detail: body, ...where };
  const record = body as Record<string, unknown>;
  const message = record.message;
  const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : base.title;
  const { statusCode: _s, message: _m, error: _e, ...extensions } = record;
  return { ...extensions, ...base, status, detail, ...where };
}

/**
 * Maps anything thrown while serving a request onto one problem+json body.
 * Fastify's own errors (bad JSON, body too large) arrive as HttpExceptions:
 * Nest's router maps them before the filter runs.
 */
export function toProblem(error: unknown, ctx: ProblemContext): MappedProblem {
  const where = { instance: ctx.path, requestId: ctx.requestId };
  if (error instanceof AppError) {
    const problem: ProblemDetails = {
      type: error.type,
      title: error.title,
      status: error.status,
      detail: error.message,
      ...where,
      ...(error.code ? { code: error.code } : {}),
      ...error.extensions,
    };
    const errors = (error as { errors?: FieldError[] }).errors;
    if (errors) problem.errors = errors;
    return { problem, headers: error.headers, serverFault: false };
  }
  if (error instanceof HttpException) {
    const problem = fromHttpException(error, where);
    return { problem, headers: {}, serverFault: problem.status >= 500 };
  }
  return {
    problem: {
      ...defaultProblemFor(500),
      status: 500,
      detail: 'An unexpected error occurred. Quote the requestId when reporting it.',
      ...where,
    },
    headers: {},
    serverFault: true,
  };
}
