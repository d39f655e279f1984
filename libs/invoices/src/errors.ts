import { AppError } from '@nexus/core';

/** 422: the request is well-formed but the invoice's state or amounts do not allow it. */
export class UnprocessableError extends AppError {
  readonly status = 422;
  readonly slug = 'unprocessable-content';
  readonly title = 'Unprocessable Content';
}

/** 412: an If-Match precondition named a version that is no longer current. */
export class PreconditionFailedError extends AppError {
  readonly status = 412;
  readonly slug = 'precondition-failed';
  readonly title = 'Precondition Failed';
}
