import fc from 'fast-check';
import { CURRENCY_CODES, currencyExponent, formatMinorUnits, isCurrencyCode, parseMajorUnits } from './currencies';

describe('currencies', () => {
  it('knows the ISO 4217 exponents of JPY, USD and KWD', () => {
    expect([currencyExponent('JPY'), currencyExponent('USD'), currencyExponent('KWD')]).toEqual([0, 2, 3]);
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('XXX')).toBe(false);
    expect(CURRENCY_CODES.length).toBeGreaterThan(150);
  });

  it('formats minor units in the currency, never 100× off', () => {
    expect(formatMinorUnits(16501, 'USD')).toBe('165.01');
    expect(formatMinorUnits(500, 'JPY')).toBe('500');
    expect(formatMinorUnits(1234, 'KWD')).toBe('1.234');
    expect(formatMinorUnits(5, 'USD')).toBe('0.05');
    expect(formatMinorUnits(-5, 'KWD')).toBe('-0.005');
  });

  it.each(['JPY', 'USD', 'KWD'])('property: %s amounts round-trip through their major-unit text', (currency) => {
    const exponent = currencyExponent(currency);
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (amount) => {
        const text = formatMinorUnits(amount, currency);
        expect(parseMajorUnits(text, currency)).toBe(amount);
        expect(text.includes('.') ? text.split('.')[1].length : 0).toBe(exponent);
      }),
    );
  });

  it('refuses more decimals than the currency has', () => {
    expect(() => parseMajorUnits('1.5', 'JPY')).toThrow();
    expect(() => parseMajorUnits('1.001', 'USD')).toThrow();
    expect(parseMajorUnits('1.001', 'KWD')).toBe(1001);
  });
});
