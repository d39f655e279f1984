import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

/** Documents the `:id` path parameter of invoice routes. */
export const ApiInvoiceIdParam = () =>
  ApiParam({ name: 'id', description: 'The invoice id', schema: { type: 'string', format: 'uuid', maxLength: 36 } });

/** The If-Match request header, if any (documented with @ApiHeader where used). */
export const IfMatch = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  return Array.isArray(value) ? value.join(', ') : value;
});
