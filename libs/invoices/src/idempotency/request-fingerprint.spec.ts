import { ValidationError } from '@nexus/core';
import { canonicalJson, parseIdempotencyKey, requestFingerprint } from './request-fingerprint';

describe('request fingerprints', () => {
  it('ignore key order but not values, paths or methods', () => {
    const a = requestFingerprint('POST', '/api/v1/invoices', { b: 1, a: { d: [1, 2], c: null } });
    expect(requestFingerprint('POST', '/api/v1/invoices', { a: { c: null, d: [1, 2] }, b: 1 })).toBe(a);
    expect(requestFingerprint('POST', '/api/v1/invoices', { a: { c: null, d: [2, 1] }, b: 1 })).not.toBe(a);
    expect(requestFingerprint('POST', '/api/v1/customers', { b: 1, a: { d: [1, 2], c: null } })).not.toBe(a);
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('accept keys of 1 to 255 printable characters, quoted or not', () => {
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(parseIdempotencyKey('"abc"')).toBe('abc');
    expect(parseIdempotencyKey('k'.repeat(255))).toHaveLength(255);
    expect(() => parseIdempotencyKey('k'.repeat(256))).toThrow(ValidationError);
    expect(() => parseIdempotencyKey('')).toThrow(ValidationError);
    expect(() => parseIdempotencyKey('naïve')).toThrow(ValidationError);
  });
});
