import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { AuthenticatedUser } from '@nexus/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, concatMap, from, map, Observable, of, throwError } from 'rxjs';
import { IdempotencyService } from './idempotency.service';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey, requestFingerprint } from './request-fingerprint';

type Request = FastifyRequest & { user?: AuthenticatedUser };

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
      return of(claim.body);
    }
    return next.handle().pipe(
      concatMap((body) => from(this.idempotency.complete(claim.id, reply.statusCode, body)).pipe(map(() => body))),
      catchError((error: unknown) => from(this.idempotency.release(claim.id)).pipe(concatMap(() => throwError(() => error)))),
    );
  }
}
