/**
 * ISO 4217 minor-unit exponents of every active currency: an amount of 16501
 * means 165.01 USD, 16501 JPY and 16.501 KWD. Nothing in Nexus multiplies by
 * 100; amounts are always sent and stored in the currency's own minor unit.
 */
const EXPONENT_0 = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const EXPONENT_3 = 'BHD IQD JOD KWD LYD OMR TND';
const EXPONENT_4 = 'CLF UYW';
const EXPONENT_2 = [
  'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP',
  'COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD',
  'KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK',
  'NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT',
  'TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG',
].join(' ');

const codes = (list: string) => list.split(' ');

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...codes(EXPONENT_0).map((code) => [code, 0] as const),
  ...codes(EXPONENT_2).map((code) => [code, 2] as const),
  ...codes(EXPONENT_3).map((code) => [code, 3] as const),
  ...codes(EXPONENT_4).map((code) => [code, 4] as const),
]);

/** Every accepted currency code, sorted (for validation messages and the OpenAPI enum). */
export const CURRENCY_CODES: readonly string[] = [...EXPONENTS.keys()].sort();

export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && EXPONENTS.has(code);
}

/** Digits after the decimal point of the currency's major unit. */
export function currencyExponent(code: string): number {
  const exponent = EXPONENTS.get(code);
  if (exponent === undefined) throw new Error(`Unknown currency ${code}`);
  return exponent;
}

/** 16501 USD → "165.01", 500 JPY → "500", 1234 KWD → "1.234", -5 USD → "-0.05". */
export function formatMinorUnits(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = BigInt(Math.abs(amount))
    .toString()
    .padStart(exponent + 1, '0');
  const sign = amount < 0 ? '-' : '';
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** "165.01" USD → 16501; refuses more decimals than the currency has. */
export function parseMajorUnits(text: string, currency: string): number {
  const exponent = currencyExponent(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || (match[3] ?? '').length > exponent) throw new Error(`"${text}" is not an amount in ${currency}`);
  const [, sign, whole, fraction = ''] = match;
  const value = BigInt(`${whole}${fraction.padEnd(exponent, '0')}`);
  return Number(sign ? -value : value);
}
