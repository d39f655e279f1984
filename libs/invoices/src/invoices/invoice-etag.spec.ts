import { ValidationError } from '@nexus/core';
import { ifNoneMatchHits, invoiceETag, parseIfMatch } from './invoice-etag';

describe('invoice ETags', () => {
  it('are weak tags of the version, marked when overdue', () => {
    expect(invoiceETag({ version: 3 })).toBe('W/"3"');
    expect(invoiceETag({ version: 3, isOverdue: true })).toBe('W/"3-overdue"');
  });

  it('If-Match takes the ETag, a strong tag, a bare version, a list or *', () => {
    expect(parseIfMatch('W/"3"')).toEqual([3]);
    expect(parseIfMatch('"4"')).toEqual([4]);
    expect(parseIfMatch('5')).toEqual([5]);
    expect(parseIfMatch('W/"1", W/"2-overdue"')).toEqual([1, 2]);
    expect(parseIfMatch(' * ')).toBe('*');
    expect(() => parseIfMatch('abc')).toThrow(ValidationError);
  });

  it('If-None-Match compares weakly', () => {
    expect(ifNoneMatchHits('W/"3"', 'W/"3"')).toBe(true);
    expect(ifNoneMatchHits('"3"', 'W/"3"')).toBe(true);
    expect(ifNoneMatchHits('W/"2", W/"3"', 'W/"3"')).toBe(true);
    expect(ifNoneMatchHits('*', 'W/"3"')).toBe(true);
    expect(ifNoneMatchHits('W/"3"', 'W/"3-overdue"')).toBe(false);
    expect(ifNoneMatchHits(undefined, 'W/"3"')).toBe(false);
  });
});
