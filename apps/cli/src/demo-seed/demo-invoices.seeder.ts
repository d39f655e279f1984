import { Injectable } from '@nestjs/common';
import {
  CustomersService,
  InvoiceDto,
  InvoiceLifecycleService,
  InvoicesService,
  InvoiceStatus,
  OrgActor,
  PaymentsService,
  TaxRatesService,
} from '@nexus/invoices';
import { CliProgress } from '../progress-bar';
import { demoCustomers } from './demo-customers';
import { DEMO_TAX_RATES, plannedPayments, planInvoices, PlannedInvoice, TaxKey } from './demo-invoice-plan';
import { SeededRandom } from './seeded-random';

export const DEMO_CUSTOMER_COUNT = 50;

export interface DemoInvoicesResult {
  taxRates: number;
  customers: number;
  invoices: number;
  byStatus: Record<InvoiceStatus, number>;
  partiallyPaid: number;
  overdue: number;
  payments: number;
  customerIds: string[];
  invoiceIds: string[];
}

/**
 * Tax rates, customers and invoices of the demo organization, each written
 * through the invoices module's own services: totals, numbers, events and
 * payments are whatever the API would have produced for the same requests.
 */
@Injectable()
export class DemoInvoicesSeeder {
  constructor(
    private readonly taxRates: TaxRatesService,
    private readonly customers: CustomersService,
    private readonly invoices: InvoicesService,
    private readonly lifecycle: InvoiceLifecycleService,
    private readonly payments: PaymentsService,
    private readonly progress: CliProgress,
  ) {}

  /** The owner sets up tax rates and customers; the accountant does the invoicing. */
  async seed(owner: OrgActor, accountant: OrgActor, random: SeededRandom, now: Date): Promise<DemoInvoicesResult> {
    const rateIds = {} as Record<TaxKey, string>;
    for (const key of Object.keys(DEMO_TAX_RATES) as TaxKey[]) rateIds[key] = (await this.taxRates.create(owner, DEMO_TAX_RATES[key])).id;
    const customerInputs = demoCustomers(DEMO_CUSTOMER_COUNT, random);
    const customerIds: string[] = [];
    for (const input of customerInputs) customerIds.push((await this.customers.create(owner, input)).id);

    const european = customerInputs.map((customer) => customer.currency === 'EUR');
    const plans = planInvoices(random, now, european);
    const result: DemoInvoicesResult = {
      taxRates: Object.keys(rateIds).length,
      customers: customerIds.length,
      invoices: 0,
      byStatus: { draft: 0, open: 0, paid: 0, void: 0, uncollectible: 0 },
      partiallyPaid: 0,
      overdue: 0,
      payments: 0,
      customerIds,
      invoiceIds: [],
    };
    const bar = this.progress.start('Invoices', plans.length);
    for (const plan of plans) {
      const { invoice, payments } = await this.takeThroughLifecycle(accountant, plan, customerIds, rateIds, random, now);
      result.invoices += 1;
      result.byStatus[invoice.status] += 1;
      if (invoice.amountPaid > 0 && invoice.amountDue > 0) result.partiallyPaid += 1;
      if (invoice.isOverdue) result.overdue += 1;
      result.payments += payments;
      result.invoiceIds.push(invoice.id);
      bar.tick();
    }
    bar.done();
    return result;
  }

  /** Creates the draft and moves it to where its plan ends; returns the invoice as the last call left it. */
  private async takeThroughLifecycle(
    actor: OrgActor,
    plan: PlannedInvoice,
    customerIds: string[],
    rateIds: Record<TaxKey, string>,
    random: SeededRandom,
    now: Date,
  ): Promise<{ invoice: InvoiceDto; payments: number }> {
    const draft = await this.invoices.create(actor, {
      customerId: customerIds[plan.customerIndex],
      ...(plan.issueDate ? { issueDate: plan.issueDate } : {}),
      netDays: plan.netDays,
      ...(plan.memo ? { memo: plan.memo } : {}),
      lines: plan.lines.map(({ taxes, ...line }) => ({ ...line, taxRateIds: taxes.map((key) => rateIds[key]) })),
    });
    if (plan.kind === 'draft') return { invoice: draft, payments: 0 };
    const open = await this.lifecycle.finalize(actor, draft.id);
    const payments = plannedPayments(plan.kind, open, random, now);
    for (const payment of payments) await this.payments.record(actor, open.id, payment);
    const invoice =
      plan.kind === 'void'
        ? await this.lifecycle.void(actor, open.id)
        : plan.kind === 'uncollectible' || plan.kind === 'uncollectible_partially_paid'
          ? await this.lifecycle.markUncollectible(actor, open.id)
          : payments.length > 0
            ? await this.invoices.get(actor, open.id)
            : open;
    return { invoice, payments: payments.length };
  }
}
