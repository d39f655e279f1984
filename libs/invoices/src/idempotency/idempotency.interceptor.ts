import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { AuthenticatedUser } from '@nexus/auth';
import { AppError, PROBLEM_CONTENT_TYPE, toProblem } from '@nexus/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, concatMap, finalize, from, map, Observable, of, throwError } from 'rxjs';
import { IdempotencyService } from './idempotency.service';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey, requestFingerprint } from './request-fingerprint';

type Request = FastifyRequest & { user?: AuthenticatedUser };

/**
 * The answer a failed request leaves for its key, as Stripe does: a refusal
 * the handler decided (404, 409, 412, 422…) is replayed like a success, since
 * the same request meets the same state. Nothing is kept when the request
 * never ran its course: invalid input (400), a rate limit (429), or a server
 * fault (5xx, whose transaction rolled back), so a retry with the key runs.
 */
function keptFailure(error: unknown, request: FastifyRequest): { status: number; body: unknown } | null {
  if (!(error instanceof AppError) || error.status < 401 || error.status > 499 || error.status === 429) return null;
  const { problem } = toProblem(error, { requestId: String(request.id), path: request.url.split('?')[0] });
  return { status: problem.status, body: problem };
}

/**
 * `Idempotency-Key` on every POST of the controller it decorates. It runs after
 * the guard (the key is scoped to the caller's organization) and before the
 * validation pipe, so a request that fails validation releases its key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    const organizationId = request.user?.organizationId;
    if (request.method !== 'POST' || header === undefined || !organizationId) return next.handle();
    const key = parseIdempotencyKey(header);
    const path = request.url.split('?')[0];
    const claim = await this.idempotency.claim(organizationId, key, requestFingerprint(request.method, path, request.body));
    if (claim.kind === 'replay') {
      reply.status(claim.status).header('Idempotent-Replayed', 'true');
      if (claim.status < 400) return of(claim.body);
      // A kept refusal goes out as it did the first time: problem+json, the first request's requestId included.
      reply.type(PROBLEM_CONTENT_TYPE);
      return of(JSON.stringify(claim.body));
    }
    const stopRenewing = this.idempotency.holdLease(claim.id);
    return next.handle().pipe(
      finalize(stopRenewing),
      concatMap((body) => from(this.idempotency.complete(claim.id, reply.statusCode, body)).pipe(map(() => body))),
      catchError((error: unknown) => {
        const kept = keptFailure(error, request);
        const settle = kept ? this.idempotency.complete(claim.id, kept.status, kept.body) : this.idempotency.release(claim.id);
        return from(settle).pipe(concatMap(() => throwError(() => error)));
      }),
    );
  }
}
