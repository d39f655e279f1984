import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'nexus:isPublic';
/** Marks public operations in the OpenAPI document; the document conventions turn it into `security: [{}]`. */
export const PUBLIC_EXTENSION = 'x-nexus-public';

/** Marks a route or controller as reachable without an access token. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/**
 * Skips the global access-token guard for a route whose own guard accepts
 * either an anonymous caller it recognises (by address) or a bearer token;
 * documented with both security alternatives.
 */
export const PublicOrBearer = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, 'or-bearer'));
