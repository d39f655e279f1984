import { ValidationError } from '@nexus/core';
import fc from 'fast-check';
import { divideHalfUp, MAX_AMOUNT, RATE_SCALE } from './decimals';
import { computeInvoice, computeLine, LineInput, TaxRateSnapshot } from './invoice-calculator';

const rate = (id: string, ratePpm: number, inclusive = false): TaxRateSnapshot => ({ taxRateId: id, name: id, ratePpm, inclusive });

const arbRate: fc.Arbitrary<TaxRateSnapshot> = fc.record({
  taxRateId: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
  name: fc.constant('rate'),
  ratePpm: fc.integer({ min: 0, max: 1_000_000 }),
  inclusive: fc.boolean(),
});

const arbLine: fc.Arbitrary<LineInput> = fc
  .record({
    quantity: fc.bigInt({ min: 1n, max: 10_000_000n }),
    unitAmount: fc.integer({ min: 0, max: 100_000_000 }),
    discount: fc.option(
      fc.oneof(
        fc.record({ type: fc.constant('percent' as const), ratePpm: fc.integer({ min: 0, max: 1_000_000 }) }),
        fc.record({ type: fc.constant('amount' as const), amount: fc.integer({ min: 0, max: 1_000 }) }),
      ),
      { nil: null },
    ),
    taxRates: fc.uniqueArray(arbRate, { maxLength: 3, selector: (r) => r.taxRateId }),
  })
  // A fixed discount may not exceed the line amount: keep the generated ones within it.
  .filter((line) => line.discount?.type !== 'amount' || BigInt(line.discount.amount) * 10_000n <= line.quantity * BigInt(line.unitAmount));

const big = (n: number) => BigInt(n);

describe('invoice calculator', () => {
  it('computes the worked example: 1 × 13866 USD at 19 % exclusive → tax 2635, total 16501', () => {
    const totals = computeInvoice([{ quantity: 10_000n, unitAmount: 13866, discount: null, taxRates: [rate('vat', 190_000)] }]);
    expect(totals).toMatchObject({ subtotal: 13866, discountTotal: 0, taxTotal: 2635, total: 16501 });
    expect(totals.taxBreakdown).toEqual([{ taxRateId: 'vat', name: 'vat', ratePpm: 190_000, inclusive: false, amount: 2635 }]);
    expect(totals.lines[0]).toMatchObject({ amount: 13866, taxAmount: 2635 });
  });

  it('rounds each line half up: 2.5 × 333 = 832.5 → 833, and 5 % of 10 = 0.5 → 1', () => {
    expect(computeLine({ quantity: 25_000n, unitAmount: 333, discount: null, taxRates: [] }).amount).toBe(833);
    expect(computeLine({ quantity: 10_000n, unitAmount: 10, discount: null, taxRates: [rate('t', 50_000)] }).taxAmount).toBe(1);
    expect(computeLine({ quantity: 10_000n, unitAmount: 10, discount: null, taxRates: [rate('t', 40_000)] }).taxAmount).toBe(0);
  });

  it('takes inclusive tax out of the price: 119 incl. 19 % → tax 19, total stays 119', () => {
    const totals = computeInvoice([{ quantity: 10_000n, unitAmount: 119, discount: null, taxRates: [rate('vat', 190_000, true)] }]);
    expect(totals).toMatchObject({ subtotal: 119, taxTotal: 19, total: 119 });
  });

  it('applies exclusive rates to the price before inclusive tax', () => {
    // 110 including 10 % → base 100, tax 10; 5 % exclusive on 100 → 5; total 115.
    const line = { quantity: 10_000n, unitAmount: 110, discount: null, taxRates: [rate('incl', 100_000, true), rate('excl', 50_000)] };
    expect(computeInvoice([line])).toMatchObject({ subtotal: 110, taxTotal: 15, total: 115 });
  });

  it('refuses a fixed discount larger than the line', () => {
    expect(() => computeInvoice([{ quantity: 10_000n, unitAmount: 5, discount: { type: 'amount', amount: 6 }, taxRates: [] }])).toThrow(
      ValidationError,
    );
  });

  it('refuses amounts beyond 2^53 − 1', () => {
    const line = { quantity: 20_000n, unitAmount: MAX_AMOUNT, discount: null, taxRates: [] };
    expect(() => computeInvoice([line])).toThrow(ValidationError);
    const two = { quantity: 10_000n, unitAmount: MAX_AMOUNT, discount: null, taxRates: [] };
    expect(() => computeInvoice([two, two])).toThrow(ValidationError);
  });

  it('property: total = Σ line amounts − discounts + exclusive tax, exactly', () => {
    fc.assert(
      fc.property(fc.array(arbLine, { maxLength: 8 }), (lines) => {
        const totals = computeInvoice(lines);
        const sumOf = (values: number[]) => values.reduce((a, b) => a + big(b), 0n);
        const exclusive = sumOf(totals.lines.flatMap((l) => l.taxes.filter((t) => !t.inclusive).map((t) => t.amount)));
        expect(big(totals.subtotal)).toBe(sumOf(totals.lines.map((l) => l.amount)));
        expect(big(totals.discountTotal)).toBe(sumOf(totals.lines.map((l) => l.discountAmount)));
        expect(big(totals.total)).toBe(big(totals.subtotal) - big(totals.discountTotal) + exclusive);
      }),
    );
  });

  it('property: the per-rate breakdown sums to the tax total, which sums the line taxes', () => {
    fc.assert(
      fc.property(fc.array(arbLine, { maxLength: 8 }), (lines) => {
        const totals = computeInvoice(lines);
        const breakdown = totals.taxBreakdown.reduce((sum, entry) => sum + big(entry.amount), 0n);
        expect(breakdown).toBe(big(totals.taxTotal));
        expect(totals.lines.reduce((sum, line) => sum + big(line.taxAmount), 0n)).toBe(big(totals.taxTotal));
        expect(new Set(totals.taxBreakdown.map((entry) => entry.taxRateId)).size).toBe(totals.taxBreakdown.length);
      }),
    );
  });

  it('property: every rounded amount is within half a minor unit of the exact value, and halves round up', () => {
    fc.assert(
      fc.property(arbLine, (line) => {
        const totals = computeLine(line);
        // amount × 10^4 − q × unit lies in (−10^4/2, 10^4/2]: within half a unit, and an exact half rounds up.
        const exact = line.quantity * big(line.unitAmount);
        const diff = big(totals.amount) * 10_000n - exact;
        expect(diff > -5_000n && diff <= 5_000n).toBe(true);
        const net = big(totals.amount - totals.discountAmount);
        const inclusiveScale = RATE_SCALE + line.taxRates.filter((r) => r.inclusive).reduce((s, r) => s + big(r.ratePpm), 0n);
        const base = net - totals.taxes.filter((t) => t.inclusive).reduce((s, t) => s + big(t.amount), 0n);
        for (const tax of totals.taxes) {
          const [numerator, denominator] = tax.inclusive ? [net * big(tax.ratePpm), inclusiveScale] : [base * big(tax.ratePpm), RATE_SCALE];
          const delta = big(tax.amount) * denominator * 2n - numerator * 2n;
          expect(delta > -denominator && delta <= denominator).toBe(true);
        }
        expect(base >= 0n).toBe(true);
      }),
    );
  });

  it('property: divideHalfUp equals the rounded rational for any sign', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (a, b) => {
        const q = divideHalfUp(a, b);
        // |q·b − a| ≤ b/2, and on an exact half the magnitude rounds up (away from zero).
        const twice = 2n * (q * b - a);
        const abs = twice < 0n ? -twice : twice;
        expect(abs <= b).toBe(true);
        if (abs === b) expect(q < 0n ? -q * b : q * b).toBeGreaterThan(a < 0n ? -a : a);
      }),
    );
  });
});
