import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { ifNoneMatchHits, invoiceETag } from './invoice-etag';

const SENDS_ETAG = 'nexus:invoices:sendsETag';

type InvoiceVersion = { version: number; isOverdue?: boolean };

/** Marks a route answering one invoice: it gets an ETag, and a GET honours If-None-Match. */
export const SendsETag = () => SetMetadata(SENDS_ETAG, true);

/**
 * Sets `ETag` from the answered invoice's version and turns a GET whose
 * If-None-Match names it into a bodiless 304. It sits outside the cache
 * interceptor, so cached answers are conditional too.
 */
@Injectable()
export class InvoiceETagInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(SENDS_ETAG, context.getHandler())) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: InvoiceVersion | string) => {
        // A cache hit is the invoice's JSON text (see OrgCacheInterceptor).
        const etag = invoiceETag(typeof body === 'string' ? (JSON.parse(body) as InvoiceVersion) : body);
        reply.header('ETag', etag).header('Cache-Control', 'private, no-cache');
        if (request.method === 'GET' && ifNoneMatchHits(request.headers['if-none-match'], etag)) {
          reply.status(304);
          return undefined;
        }
        return body;
      }),
    );
  }
}
