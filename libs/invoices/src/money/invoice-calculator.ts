import { ValidationError } from '@nexus/core';
import { divideHalfUp, isSafeAmount, QUANTITY_SCALE, RATE_SCALE } from './decimals';

/**
 * The one place invoice amounts are computed. Every amount is an integer in
 * the currency's minor unit; intermediate products are bigints, so nothing is
 * ever a float. The rules, applied per line:
 *
 *   amount        = quantity × unitAmount, rounded half up
 *   discount      = amount × percent (rounded half up), or the fixed amount (≤ amount)
 *   net           = amount − discount
 *   inclusive tax = for each inclusive rate r: net × r / (1 + Σ inclusive rates), rounded half up
 *   base          = net − inclusive taxes (the price before any tax)
 *   exclusive tax = for each exclusive rate r: base × r, rounded half up
 *
 * and per invoice: subtotal = Σ amount, discountTotal = Σ discount,
 * taxTotal = Σ every line tax, total = subtotal − discountTotal + Σ exclusive tax.
 * The breakdown per rate is the sum of that rate's rounded line taxes, so it
 * adds up to taxTotal exactly; inclusive taxes are already inside the subtotal.
 */

export interface TaxRateSnapshot {
  taxRateId: string;
  name: string;
  /** Parts per million of 1: 19 % → 190000. */
  ratePpm: number;
  inclusive: boolean;
}

export type LineDiscount = { type: 'percent'; ratePpm: number } | { type: 'amount'; amount: number };

export interface LineInput {
  /** Ten-thousandths: "2.5" → 25000n. */
  quantity: bigint;
  unitAmount: number;
  discount: LineDiscount | null;
  taxRates: TaxRateSnapshot[];
}

export interface LineTax extends TaxRateSnapshot {
  amount: number;
}

export interface LineTotals {
  amount: number;
  discountAmount: number;
  taxAmount: number;
  taxes: LineTax[];
}

export interface InvoiceTotals {
  lines: LineTotals[];
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  exclusiveTaxTotal: number;
  total: number;
  taxBreakdown: LineTax[];
}

function toAmount(value: bigint, field: string): number {
  if (!isSafeAmount(value)) throw new ValidationError([{ field, message: 'exceeds the largest amount, 2^53 − 1 minor units' }]);
  return Number(value);
}

export function computeLine(line: LineInput, field = 'line'): LineTotals {
  const amount = divideHalfUp(line.quantity * BigInt(line.unitAmount), QUANTITY_SCALE);
  let discount = 0n;
  if (line.discount?.type === 'percent') discount = divideHalfUp(amount * BigInt(line.discount.ratePpm), RATE_SCALE);
  if (line.discount?.type === 'amount') {
    discount = BigInt(line.discount.amount);
    if (discount > amount) throw new ValidationError([{ field: `${field}.discount.value`, message: 'exceeds the line amount' }]);
  }
  const net = amount - discount;
  const inclusive = line.taxRates.filter((rate) => rate.inclusive);
  const inclusiveScale = RATE_SCALE + inclusive.reduce((sum, rate) => sum + BigInt(rate.ratePpm), 0n);
  const inclusiveTaxes = new Map(inclusive.map((rate) => [rate, divideHalfUp(net * BigInt(rate.ratePpm), inclusiveScale)]));
  const base = net - [...inclusiveTaxes.values()].reduce((sum, tax) => sum + tax, 0n);
  const taxes = line.taxRates.map((rate) => {
    const tax = rate.inclusive ? (inclusiveTaxes.get(rate) as bigint) : divideHalfUp(base * BigInt(rate.ratePpm), RATE_SCALE);
    return { ...rate, amount: toAmount(tax, `${field}.taxes`) };
  });
  return {
    amount: toAmount(amount, `${field}.amount`),
    discountAmount: toAmount(discount, `${field}.discount`),
    taxAmount: toAmount(
      taxes.reduce((sum, tax) => sum + BigInt(tax.amount), 0n),
      `${field}.taxes`,
    ),
    taxes,
  };
}

export function computeInvoice(lines: LineInput[]): InvoiceTotals {
  const computed = lines.map((line, index) => computeLine(line, `lines[${index}]`));
  const sum = (pick: (line: LineTotals) => number) => computed.reduce((total, line) => total + BigInt(pick(line)), 0n);
  const subtotal = sum((line) => line.amount);
  const discountTotal = sum((line) => line.discountAmount);
  const taxTotal = sum((line) => line.taxAmount);
  const exclusiveTax = computed.flatMap((line) => line.taxes).reduce((total, tax) => total + (tax.inclusive ? 0n : BigInt(tax.amount)), 0n);
  const breakdown = new Map<string, { rate: TaxRateSnapshot; amount: bigint }>();
  for (const tax of computed.flatMap((line) => line.taxes)) {
    const entry = breakdown.get(tax.taxRateId) ?? { rate: tax, amount: 0n };
    entry.amount += BigInt(tax.amount);
    breakdown.set(tax.taxRateId, entry);
  }
  return {
    lines: computed,
    subtotal: toAmount(subtotal, 'subtotal'),
    discountTotal: toAmount(discountTotal, 'discountTotal'),
    taxTotal: toAmount(taxTotal, 'taxTotal'),
    exclusiveTaxTotal: toAmount(exclusiveTax, 'taxTotal'),
    total: toAmount(subtotal - discountTotal + exclusiveTax, 'total'),
    taxBreakdown: [...breakdown.values()].map(({ rate, amount }) => ({
      taxRateId: rate.taxRateId,
      name: rate.name,
      ratePpm: rate.ratePpm,
      inclusive: rate.inclusive,
      amount: toAmount(amount, 'taxTotal'),
    })),
  };
}
