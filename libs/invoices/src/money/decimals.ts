/**
 * Exact decimal helpers. Quantities and percentages arrive as decimals with at
 * most four places and are kept as scaled integers, so no money computation
 * ever touches a binary floating-point fraction.
 */

/** Largest amount in minor units: 2^53 − 1, the largest integer a JSON number carries exactly. */
export const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

/** Quantities are stored in ten-thousandths: "2.5" → 25000. */
export const QUANTITY_SCALE = 10_000n;
/** Rates are stored in parts per million of 1: 19.0000 % → 190000. */
export const RATE_SCALE = 1_000_000n;
/** One percentage point in parts per million. */
const PPM_PER_PERCENT = 10_000;

export const QUANTITY_PATTERN = '^\\d{1,9}(\\.\\d{1,4})?$';
const QUANTITY = new RegExp(QUANTITY_PATTERN);
const FOUR_PLACES = /^\d{1,3}(\.\d{1,4})?$/;

/**
 * a / b rounded half up (half away from zero for negative a): 2634.5 → 2635.
 * b must be positive.
 */
export function divideHalfUp(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError('divisor must be positive');
  const magnitude = ((a < 0n ? -a : a) * 2n + b) / (2n * b);
  return a < 0n ? -magnitude : magnitude;
}

export function isQuantity(text: unknown): text is string {
  return typeof text === 'string' && QUANTITY.test(text);
}

/** "2.5" → 25000n (ten-thousandths). */
export function parseQuantity(text: string): bigint {
  if (!isQuantity(text)) throw new RangeError(`"${text}" is not a quantity with at most 4 decimal places`);
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * QUANTITY_SCALE + BigInt(fraction.padEnd(4, '0'));
}

/** 25000 → "2.5", 10000 → "1", 1 → "0.0001". */
export function formatQuantity(tenThousandths: number | bigint): string {
  const value = BigInt(tenThousandths);
  const whole = value / QUANTITY_SCALE;
  const fraction = (value % QUANTITY_SCALE).toString().padStart(4, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

/**
 * A percentage sent as a JSON number with at most four decimal places, such as
 * 19 or 7.6543, → parts per million (190000, 76543). Null when it has more
 * places or is out of [0, 100].
 */
export function percentageToPpm(percentage: number): number | null {
  if (!Number.isFinite(percentage) || percentage < 0 || percentage > 100) return null;
  // JSON numbers with ≤ 4 places print back exactly as written ("7.6543"); more places or exponents do not match.
  if (!FOUR_PLACES.test(String(percentage))) return null;
  const [whole, fraction = ''] = String(percentage).split('.');
  return Number(whole) * PPM_PER_PERCENT + Number(fraction.padEnd(4, '0'));
}

/** 190000 → 19, 76543 → 7.6543 (exact: at most four places). */
export function ppmToPercentage(ppm: number): number {
  const whole = Math.trunc(ppm / PPM_PER_PERCENT);
  const fraction = String(ppm % PPM_PER_PERCENT).padStart(4, '0');
  return Number(`${whole}.${fraction}`);
}

export function isSafeAmount(value: bigint): boolean {
  return value <= BigInt(MAX_AMOUNT) && value >= -BigInt(MAX_AMOUNT);
}
