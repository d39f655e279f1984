import { FieldError, problemType } from './problem';

/**
 * Base class for errors raised by domain code. Each subclass is one problem
 * type; the global filter turns it into problem+json without knowing the domain.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly slug: string;
  abstract readonly title: string;
  readonly headers: Record<string, string> = {};

  constructor(
    detail: string,
    readonly code?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }

  get type(): string {
    return problemType(this.slug);
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly slug = 'validation-error';
  readonly title = 'Your request parameters did not validate';

  constructor(
    readonly errors: FieldError[],
    detail = errors.map((e) => `${e.field}: ${e.message}`).join('; '),
  ) {
    super(detail, 'validation_failed');
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly slug = 'not-found';
  readonly title = 'Not Found';

  /** `field`: where the request named it, when it came from the body (`customerId`, `lines[0].taxRateIds[1]`). */
  constructor(resource: string, id?: string, field?: string) {
    const detail = id === undefined ? `${resource} not found` : `${resource} ${id} not found`;
    super(detail, 'not_found', field === undefined ? {} : { errors: [{ field, message: detail }] });
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly slug = 'conflict';
  readonly title = 'Conflict';
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly slug = 'unauthorized';
  readonly title = 'Unauthorized';

  constructor(detail: string, code = 'unauthorized', extensions: Record<string, unknown> = {}) {
    super(detail, code, extensions);
    // RFC 6750 §3.1: an error code only when a token was presented and rejected.
    this.headers['WWW-Authenticate'] = code === 'invalid_token' ? 'Bearer realm="nexus", error="invalid_token"' : 'Bearer realm="nexus"';
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly slug = 'forbidden';
  readonly title = 'Forbidden';
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly slug = 'too-many-requests';
  readonly title = 'Too Many Requests';

  constructor(detail: string, retryAfterSeconds: number, code = 'rate_limited') {
    super(detail, code, { retryAfter: retryAfterSeconds });
    this.headers['Retry-After'] = String(retryAfterSeconds);
  }
}

export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly slug = 'service-unavailable';
  readonly title = 'Service Unavailable';
}
