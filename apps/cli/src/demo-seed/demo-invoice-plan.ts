import type { CreatePaymentDto, CreateTaxRateDto, PaymentMethod } from '@nexus/invoices';
import { SeededRandom } from './seeded-random';

/** The demo tax rates, by the key lines refer to them with. The retired one is inactive, as a real history would have. */
export const DEMO_TAX_RATES = {
  salesTax: { name: 'Sales tax', percentage: 8.25 },
  localSurcharge: { name: 'Local surcharge', percentage: 0.5 },
  vat: { name: 'VAT 19% (prices include VAT)', percentage: 19, inclusive: true },
  retiredSalesTax: { name: 'Sales tax (until 2024)', percentage: 7.75, active: false },
} satisfies Record<string, CreateTaxRateDto>;

export type TaxKey = keyof typeof DEMO_TAX_RATES;

/**
 * Where an invoice ends up, and how: each kind is reached through the real
 * lifecycle (create → finalize → payments / void / mark uncollectible).
 */
export type InvoiceKind =
  | 'draft'
  | 'open'
  | 'open_partially_paid'
  | 'overdue'
  | 'overdue_partially_paid'
  | 'paid'
  | 'void'
  | 'uncollectible'
  | 'uncollectible_partially_paid';

interface KindShape {
  count: number;
  /** Issue date, in days before today; null leaves it to finalization (drafts). */
  issuedDaysAgo: [number, number] | null;
  netDays: readonly number[];
}

/** 500 invoices in all; "open" ones are issued recently enough not to be due yet, "overdue" ones long enough ago. */
export const INVOICE_MIX: Readonly<Record<InvoiceKind, KindShape>> = {
  draft: { count: 50, issuedDaysAgo: null, netDays: [14, 30] },
  open: { count: 60, issuedDaysAgo: [0, 12], netDays: [14, 30, 45] },
  open_partially_paid: { count: 25, issuedDaysAgo: [2, 12], netDays: [30, 45] },
  overdue: { count: 45, issuedDaysAgo: [50, 150], netDays: [14, 30] },
  overdue_partially_paid: { count: 20, issuedDaysAgo: [50, 150], netDays: [14, 30] },
  paid: { count: 220, issuedDaysAgo: [3, 360], netDays: [0, 14, 30] },
  void: { count: 30, issuedDaysAgo: [5, 360], netDays: [14, 30] },
  uncollectible: { count: 40, issuedDaysAgo: [180, 360], netDays: [30] },
  uncollectible_partially_paid: { count: 10, issuedDaysAgo: [180, 360], netDays: [30] },
};

// prettier-ignore
const PRODUCTS = [
  { description: 'Strategy consulting (hours)', unitAmount: 18_500, quantities: ['2', '4', '7.5', '12'], taxable: false },
  { description: 'Web application development (hours)', unitAmount: 14_500, quantities: ['8', '20', '37.5', '40'], taxable: false },
  { description: 'UX design sprint', unitAmount: 420_000, quantities: ['1'], taxable: false },
  { description: 'Managed hosting, Standard plan (months)', unitAmount: 4_900, quantities: ['1', '3', '12'], taxable: true },
  { description: 'Managed hosting, Business plan (months)', unitAmount: 19_900, quantities: ['1', '3', '12'], taxable: true },
  { description: 'Premium support (months)', unitAmount: 75_000, quantities: ['1', '3'], taxable: true },
  { description: 'Extra user seats', unitAmount: 1_200, quantities: ['5', '10', '25', '50'], taxable: true },
  { description: 'Data migration (GB)', unitAmount: 35, quantities: ['120', '500', '1250.5'], taxable: true },
  { description: 'On-site workshop (days)', unitAmount: 125_000, quantities: ['0.5', '1', '2'], taxable: false },
  { description: 'Travel and expenses', unitAmount: 38_750, quantities: ['1'], taxable: false },
  { description: 'Security audit', unitAmount: 650_000, quantities: ['1'], taxable: true },
  { description: 'Domain and TLS certificate renewal', unitAmount: 8_900, quantities: ['1', '2'], taxable: true },
];

const MEMOS = [
  'Thank you for your business!',
  'Payment by bank transfer, please quote the invoice number.',
  'Late payments incur interest of 1% per month.',
  'As agreed in the statement of work of March.',
];

const DAY_MS = 86_400_000;
const PAYMENT_METHODS: readonly PaymentMethod[] = ['bank_transfer', 'bank_transfer', 'card', 'card', 'check', 'cash'];

/** An amount discount never exceeds its line (the smallest qualifying line is 0.5 × 1,250.00). */
const AMOUNT_DISCOUNT = { type: 'amount', value: 10_000, minUnitAmount: 100_000 } as const;

export interface PlannedLine {
  description: string;
  quantity: string;
  unitAmount: number;
  discount?: { type: 'percent' | 'amount'; value: number };
  taxes: TaxKey[];
}

export interface PlannedInvoice {
  kind: InvoiceKind;
  customerIndex: number;
  issueDate: string | null;
  netDays: number;
  memo?: string;
  lines: PlannedLine[];
}

function daysBefore(today: Date, days: number): string {
  return new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

function planLines(random: SeededRandom, european: boolean): PlannedLine[] {
  return random
    .shuffle(PRODUCTS)
    .slice(0, random.int(1, 4))
    .map((product) => {
      const line: PlannedLine = {
        description: product.description,
        quantity: random.pick(product.quantities),
        unitAmount: product.unitAmount,
        taxes: european ? ['vat'] : product.taxable ? (random.chance(0.25) ? ['salesTax', 'localSurcharge'] : ['salesTax']) : [],
      };
      if (random.chance(0.2)) line.discount = { type: 'percent', value: random.pick([5, 10, 12.5, 15]) };
      else if (product.unitAmount >= AMOUNT_DISCOUNT.minUnitAmount && random.chance(0.15)) line.discount = AMOUNT_DISCOUNT;
      return line;
    });
}

/**
 * Every invoice of the demo, oldest issue date first so that numbers follow
 * dates as they would have; drafts come last. `europeanCustomers` says which
 * customers are billed in EUR (their lines carry VAT).
 */
export function planInvoices(random: SeededRandom, today: Date, europeanCustomers: readonly boolean[]): PlannedInvoice[] {
  const plans: PlannedInvoice[] = [];
  for (const [kind, shape] of Object.entries(INVOICE_MIX) as [InvoiceKind, KindShape][]) {
    for (let i = 0; i < shape.count; i++) {
      const customerIndex = random.int(0, europeanCustomers.length - 1);
      plans.push({
        kind,
        customerIndex,
        issueDate: shape.issuedDaysAgo && daysBefore(today, random.int(...shape.issuedDaysAgo)),
        netDays: random.pick(shape.netDays),
        ...(random.chance(0.3) ? { memo: random.pick(MEMOS) } : {}),
        lines: planLines(random, europeanCustomers[customerIndex]),
      });
    }
  }
  const order = (plan: PlannedInvoice) => plan.issueDate ?? '9999-12-31';
  return random.shuffle(plans).sort((a, b) => order(a).localeCompare(order(b)));
}

/**
 * The payments a finalized invoice of this kind receives, as amounts out of
 * the amount due the API returned for it: all of it for paid invoices (a
 * third of them in two instalments), 20–70 % of it for partially paid ones.
 * Money arrives between the issue date and a fortnight past due, never in the future.
 */
export function plannedPayments(
  kind: InvoiceKind,
  invoice: { amountDue: number; issueDate: string | null; dueDate: string | null },
  random: SeededRandom,
  now: Date,
): CreatePaymentDto[] {
  const issuedAt = Date.parse(`${invoice.issueDate}T09:00:00Z`);
  const latest = Math.min(now.getTime() - 60_000, Date.parse(`${invoice.dueDate}T17:00:00Z`) + 14 * DAY_MS);
  const payment = (amount: number, after: number): CreatePaymentDto => ({
    amount,
    paidAt: new Date(Math.min(after, latest) + Math.floor(random.next() * Math.max(0, latest - after))).toISOString(),
    method: random.pick(PAYMENT_METHODS),
    reference: `DEMO-${random.int(100_000, 999_999)}`,
  });
  const part = () => Math.max(1, Math.floor(invoice.amountDue * (0.2 + random.next() * 0.5)));
  if (invoice.amountDue === 0) return [];
  if (kind === 'paid') {
    if (invoice.amountDue < 2 || !random.chance(1 / 3)) return [payment(invoice.amountDue, issuedAt)];
    const first = payment(part(), issuedAt);
    return [first, payment(invoice.amountDue - first.amount, Date.parse(first.paidAt!))];
  }
  if (kind === 'open_partially_paid' || kind === 'overdue_partially_paid' || kind === 'uncollectible_partially_paid') {
    return invoice.amountDue < 2 ? [] : [payment(part(), issuedAt)];
  }
  return [];
}
