import fc from 'fast-check';
import { formatQuantity, parseQuantity, percentageToPpm, ppmToPercentage } from './decimals';

describe('decimals', () => {
  it('parses quantities with up to four places into ten-thousandths', () => {
    expect(parseQuantity('1')).toBe(10_000n);
    expect(parseQuantity('2.5')).toBe(25_000n);
    expect(parseQuantity('0.0001')).toBe(1n);
    expect(() => parseQuantity('1.23456')).toThrow();
    expect(() => parseQuantity('-1')).toThrow();
    expect(() => parseQuantity('1e3')).toThrow();
  });

  it('property: quantities round-trip in canonical form', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 999_999_999_9999n }), (value) => {
        expect(parseQuantity(formatQuantity(value))).toBe(value);
      }),
    );
  });

  it('converts percentages with up to four places to parts per million and back', () => {
    expect(percentageToPpm(19)).toBe(190_000);
    expect(percentageToPpm(7.6543)).toBe(76_543);
    expect(percentageToPpm(0.0001)).toBe(1);
    expect(percentageToPpm(100)).toBe(1_000_000);
    expect(percentageToPpm(19.00001)).toBeNull();
    expect(percentageToPpm(-1)).toBeNull();
    expect(percentageToPpm(100.5)).toBeNull();
    expect(ppmToPercentage(190_000)).toBe(19);
    expect(ppmToPercentage(76_543)).toBe(7.6543);
  });

  it('property: every percentage with four places survives the round trip exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (ppm) => {
        expect(percentageToPpm(ppmToPercentage(ppm))).toBe(ppm);
      }),
    );
  });
});
