import { ValidationError } from '../errors/app-error';

export type SortDirection = 'ASC' | 'DESC';
export interface SortField<F extends string> {
  field: F;
  direction: SortDirection;
}

/**
 * Parses `?sort=-createdAt,name` against the resource's allow-list; anything
 * else is a 400 naming the `sort` field. Duplicates are rejected too.
 */
export function parseSort<F extends string>(sort: string | undefined, allowed: readonly F[], fallback: SortField<F>[]): SortField<F>[] {
  if (!sort) return fallback;
  const seen = new Set<string>();
  return sort.split(',').map((token) => {
    const direction: SortDirection = token.startsWith('-') ? 'DESC' : 'ASC';
    const field = token.replace(/^-/, '');
    if (!(allowed as readonly string[]).includes(field)) {
      throw new ValidationError([{ field: 'sort', message: `cannot sort by "${field}"; allowed: ${allowed.join(', ')}` }]);
    }
    if (seen.has(field)) throw new ValidationError([{ field: 'sort', message: `"${field}" appears more than once` }]);
    seen.add(field);
    return { field: field as F, direction };
  });
}
