import { ValidationError } from '../errors/app-error';
import { parseSort } from './sort';

const ALLOWED = ['createdAt', 'name', 'total'] as const;
const FALLBACK = [{ field: 'createdAt' as const, direction: 'DESC' as const }];

describe('parseSort', () => {
  it('falls back when no sort is given', () => {
    expect(parseSort(undefined, ALLOWED, FALLBACK)).toEqual(FALLBACK);
  });

  it('parses direction prefixes in order', () => {
    expect(parseSort('-total,name', ALLOWED, FALLBACK)).toEqual([
      { field: 'total', direction: 'DESC' },
      { field: 'name', direction: 'ASC' },
    ]);
  });

  it('rejects fields outside the allow-list with a field error on sort', () => {
    try {
      parseSort('passwordHash', ALLOWED, FALLBACK);
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors).toEqual([{ field: 'sort', message: expect.stringContaining('passwordHash') }]);
    }
  });

  it('rejects a field given twice', () => {
    expect(() => parseSort('name,-name', ALLOWED, FALLBACK)).toThrow(ValidationError);
  });
});
