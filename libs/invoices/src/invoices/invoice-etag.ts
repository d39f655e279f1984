import { ValidationError } from '@nexus/core';

/**
 * The entity tag of an invoice representation: W/"<version>", or
 * W/"<version>-overdue" once it is overdue (a representation that changes
 * without a write: when the day turns in the organization's zone).
 */
export function invoiceETag(invoice: { version: number; isOverdue?: boolean }): string {
  return `W/"${invoice.version}${invoice.isOverdue ? '-overdue' : ''}"`;
}

const TAG = /^(?:W\/)?"?(\d{1,10})(?:-overdue)?"?$/;

/**
 * The versions an If-Match header accepts: a list of ETags (weak or strong) or
 * bare version numbers; `*` matches any. Anything else is a 400.
 */
export function parseIfMatch(header: string): number[] | '*' {
  if (header.trim() === '*') return '*';
  return header.split(',').map((token) => {
    const match = TAG.exec(token.trim());
    if (!match) throw new ValidationError([{ field: 'If-Match', message: 'expected the ETag (W/"3") or the version number (3)' }]);
    return Number(match[1]);
  });
}

/** If-None-Match uses weak comparison: W/"3" and "3" name the same tag. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
