import { expectProblem } from './support/auth-helpers';
import { API, createCustomer, createDraft, createOrg, createTaxRate, finalize, line, Org } from './support/invoice-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

const MAX = Number.MAX_SAFE_INTEGER;

describe(`invoices: customers, tax rates, amounts (${testTarget()})`, () => {
  let t: TestApp;
  let org: Org;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await createOrg(t.http, ['viewer', 'accountant']);
    token = org.tokens.accountant;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('customers', () => {
    it('are created, read, searched, changed and deleted', async () => {
      const created = await createCustomer(t.http, token, {
        name: 'Lovelace Analytics',
        email: 'ada@lovelace.example',
        taxId: 'GB123',
        address: { line1: '12 Analytical Row', city: 'London', postalCode: 'EC1A 1BB', country: 'GB' },
        currency: 'GBP',
      });
      expect(created).toEqual({
        id: expect.any(String),
        name: 'Lovelace Analytics',
        email: 'ada@lovelace.example',
        taxId: 'GB123',
        address: { line1: '12 Analytical Row', city: 'London', postalCode: 'EC1A 1BB', country: 'GB' },
        currency: 'GBP',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect((await t.http.get(`${API}/customers/${created.id}`, { token: org.tokens.viewer })).body.name).toBe('Lovelace Analytics');
      const found = await t.http.get(`${API}/customers?q=LOVELACE`, { token });
      expect(found.body.data.map((c: any) => c.id)).toEqual([created.id]);
      const changed = await t.http.patch(`${API}/customers/${created.id}`, { name: 'Lovelace & Co', taxId: null }, { token });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ name: 'Lovelace & Co', taxId: null, email: 'ada@lovelace.example' });
      expect((await t.http.delete(`${API}/customers/${created.id}`, { token })).status).toBe(204);
      expectProblem(await t.http.get(`${API}/customers/${created.id}`, { token }), 404, 'not_found');
    });

    it('are only hidden when an invoice refers to them, and the invoice keeps working', async () => {
      const customer = await createCustomer(t.http, token, { name: 'Kept Ltd' });
      const invoice = await createDraft(t.http, token, customer.id);
      expect((await t.http.delete(`${API}/customers/${customer.id}`, { token })).status).toBe(204);
      expectProblem(await t.http.get(`${API}/customers/${customer.id}`, { token }), 404);
      const list = await t.http.get(`${API}/customers?q=Kept`, { token });
      expect(list.body.meta.total).toBe(0);
      const finalized = await finalize(t.http, token, invoice.id);
      expect(finalized.customerSnapshot).toMatchObject({ id: customer.id, name: 'Kept Ltd' });
      expectProblem(await t.http.post(`${API}/invoices`, { customerId: customer.id, lines: [] }, { token }), 404, 'not_found');
    });

    it('validate their fields', async () => {
      const res = await t.http.post(
        `${API}/customers`,
        { name: '', email: 'nope', currency: 'usd', address: { country: 'Britain' } },
        { token },
      );
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors.map((e: any) => e.field).sort()).toEqual(['address.country', 'currency', 'email', 'name']);
      expectProblem(await t.http.patch(`${API}/customers/${(await createCustomer(t.http, token)).id}`, { name: null }, { token }), 400);
    });

    it('list with pagination and an allow-listed sort', async () => {
      await createCustomer(t.http, token, { name: 'Aardvark Ltd' });
      await createCustomer(t.http, token, { name: 'Zebra plc' });
      const page = await t.http.get(`${API}/customers?limit=2&page=1&sort=-createdAt`, { token });
      expect(page.status).toBe(200);
      expect(page.body.data).toHaveLength(2);
      expect(page.body.meta).toMatchObject({ page: 1, limit: 2 });
      const byName = (await t.http.get(`${API}/customers?limit=100`, { token })).body.data.map((c: any) => c.name);
      expect(byName).toEqual([...byName].sort());
      expectProblem(await t.http.get(`${API}/customers?limit=101`, { token }), 400);
      expectProblem(await t.http.get(`${API}/customers?sort=email`, { token }), 400);
    });
  });

  describe('tax rates', () => {
    it('keep percentages with four decimals exactly and refuse more', async () => {
      const rate = await createTaxRate(t.http, token, 7.6543, true, 'Reduced');
      expect(rate).toMatchObject({ name: 'Reduced', percentage: 7.6543, inclusive: true, active: true });
      expectProblem(await t.http.post(`${API}/tax-rates`, { name: 'Bad', percentage: 7.65432 }, { token }), 400);
      expectProblem(await t.http.post(`${API}/tax-rates`, { name: 'Bad', percentage: 101 }, { token }), 400);
      expectProblem(await t.http.post(`${API}/tax-rates`, { name: 'Bad', percentage: '19' }, { token }), 400);
    });

    it('are renamed and deactivated but never re-rated, and deleted rates disappear', async () => {
      const rate = await createTaxRate(t.http, token, 10);
      expectProblem(await t.http.patch(`${API}/tax-rates/${rate.id}`, { percentage: 12 }, { token }), 400);
      const changed = await t.http.patch(`${API}/tax-rates/${rate.id}`, { name: 'GST', active: false }, { token });
      expect(changed.body).toMatchObject({ name: 'GST', percentage: 10, active: false });
      const customer = await createCustomer(t.http, token);
      const active = await createTaxRate(t.http, token, 5);
      const inactive = await t.http.post(
        `${API}/invoices`,
        { customerId: customer.id, lines: [line(100), line(100, { taxRateIds: [active.id, rate.id] })] },
        { token },
      );
      expectProblem(inactive, 422, 'tax_rate_inactive');
      expect(inactive.body.errors).toEqual([{ field: 'lines[1].taxRateIds[1]', message: expect.stringContaining(rate.id) }]);
      const unknown = await t.http.post(
        `${API}/invoices`,
        { customerId: customer.id, lines: [line(100, { taxRateIds: ['00000000-0000-4000-8000-000000000000'] })] },
        { token },
      );
      expectProblem(unknown, 404, 'not_found');
      expect(unknown.body.errors).toEqual([{ field: 'lines[0].taxRateIds[0]', message: expect.any(String) }]);
      const noCustomer = await t.http.post(`${API}/invoices`, { customerId: '00000000-0000-4000-8000-000000000000', lines: [] }, { token });
      expectProblem(noCustomer, 404, 'not_found');
      expect(noCustomer.body.errors).toEqual([{ field: 'customerId', message: expect.any(String) }]);
      expect((await t.http.get(`${API}/tax-rates?active=false`, { token })).body.data.map((r: any) => r.id)).toContain(rate.id);
      expect((await t.http.delete(`${API}/tax-rates/${rate.id}`, { token })).status).toBe(204);
      expectProblem(await t.http.get(`${API}/tax-rates/${rate.id}`, { token }), 404);
    });
  });

  describe('amounts', () => {
    let customerId: string;
    let vat19: any;

    beforeAll(async () => {
      customerId = (await createCustomer(t.http, token)).id;
      vat19 = await createTaxRate(t.http, token, 19);
    });

    it('computes the worked example: 1 × 13866 USD at 19 % exclusive → tax 2635, total 16501', async () => {
      const draft = await createDraft(t.http, token, customerId, { currency: 'USD', lines: [line(13866, { taxRateIds: [vat19.id] })] });
      expect(draft).toMatchObject({
        status: 'draft',
        number: null,
        version: 1,
        currency: 'USD',
        subtotal: 13866,
        discountTotal: 0,
        taxTotal: 2635,
        total: 16501,
        amountPaid: 0,
        amountDue: 16501,
        isOverdue: false,
        taxBreakdown: [{ taxRateId: vat19.id, name: 'VAT 19', percentage: 19, inclusive: false, amount: 2635 }],
      });
      expect(draft.lines).toEqual([
        {
          id: expect.any(String),
          description: 'Difference engine maintenance',
          quantity: '1',
          unitAmount: 13866,
          discount: null,
          taxRateIds: [vat19.id],
          amount: 13866,
          discountAmount: 0,
          taxAmount: 2635,
        },
      ]);
      const read = await t.http.get(`${API}/invoices/${draft.id}`, { token });
      expect(read.body).toEqual(draft);
    });

    it('rounds per line, half up, with discounts and inclusive taxes', async () => {
      const incl = await createTaxRate(t.http, token, 10, true, 'Included 10');
      const draft = await createDraft(t.http, token, customerId, {
        lines: [
          line(333, { quantity: '2.5' }), // 832.5 → 833
          line(1000, { discount: { type: 'percent', value: 12.5 }, taxRateIds: [vat19.id] }), // −125 → 875; 19 % → 166.25 → 166
          line(1100, { discount: { type: 'amount', value: 100 }, taxRateIds: [incl.id] }), // 1000 incl. 10 % → 90.909… → 91
        ],
      });
      expect(draft.lines.map((l: any) => [l.amount, l.discountAmount, l.taxAmount])).toEqual([
        [833, 0, 0],
        [1000, 125, 166],
        [1100, 100, 91],
      ]);
      expect(draft).toMatchObject({ subtotal: 2933, discountTotal: 225, taxTotal: 257, total: 2933 - 225 + 166 });
      expect(draft.lines[1].discount).toEqual({ type: 'percent', value: 12.5 });
      expect(draft.lines[0].quantity).toBe('2.5');
    });

    it('keeps JPY and KWD amounts in their own minor units', async () => {
      const jpy = await createDraft(t.http, token, customerId, {
        currency: 'JPY',
        lines: [line(500, { quantity: '3', taxRateIds: [vat19.id] })],
      });
      expect(jpy).toMatchObject({ currency: 'JPY', subtotal: 1500, taxTotal: 285, total: 1785 });
      const kwd = await createDraft(t.http, token, customerId, { currency: 'KWD', lines: [line(1234)] });
      expect(kwd).toMatchObject({ currency: 'KWD', total: 1234 });
    });

    it('refuses totals from the client, fractional or unsafe amounts and bad quantities', async () => {
      const base = { customerId, lines: [line(100)] };
      for (const field of ['total', 'subtotal', 'taxTotal', 'amountDue']) {
        expectProblem(await t.http.post(`${API}/invoices`, { ...base, [field]: 1 }, { token }), 400, 'validation_failed');
      }
      expectProblem(await t.http.post(`${API}/invoices`, { customerId, lines: [{ ...line(100), amount: 5 }] }, { token }), 400);
      for (const unitAmount of [1.5, -1, MAX + 2, '100']) {
        expectProblem(await t.http.post(`${API}/invoices`, { customerId, lines: [line(unitAmount as number)] }, { token }), 400);
      }
      for (const quantity of ['0', '1.23456', '-1', '1e3', 2]) {
        expectProblem(await t.http.post(`${API}/invoices`, { customerId, lines: [line(100, { quantity })] }, { token }), 400);
      }
      const overflow = await t.http.post(`${API}/invoices`, { customerId, lines: [line(MAX, { quantity: '2' })] }, { token });
      expectProblem(overflow, 400, 'validation_failed');
      expect(overflow.body.errors[0].field).toBe('lines[0].amount');
      const sum = await t.http.post(`${API}/invoices`, { customerId, lines: [line(MAX), line(MAX)] }, { token });
      expectProblem(sum, 400, 'validation_failed');
      const discount = await t.http.post(
        `${API}/invoices`,
        { customerId, lines: [line(100, { discount: { type: 'amount', value: 101 } })] },
        { token },
      );
      expectProblem(discount, 400);
      expect(discount.body.errors[0].field).toBe('lines[0].discount.value');
      expectProblem(await t.http.post(`${API}/invoices`, { customerId, currency: 'XYZ' }, { token }), 400);
    });

    it('takes the currency from the customer, and needs one', async () => {
      const eur = await createCustomer(t.http, token, { currency: 'EUR' });
      expect((await createDraft(t.http, token, eur.id)).currency).toBe('EUR');
      const none = await createCustomer(t.http, token, { currency: undefined });
      const res = await t.http.post(`${API}/invoices`, { customerId: none.id, lines: [] }, { token });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors[0].field).toBe('currency');
    });

    it('derives the due date from net days and refuses a due date before the issue date', async () => {
      const draft = await createDraft(t.http, token, customerId, { issueDate: '2026-11-26', netDays: 30 });
      expect(draft).toMatchObject({ issueDate: '2026-11-26', dueDate: '2026-12-26', netDays: 30 });
      expectProblem(await t.http.post(`${API}/invoices`, { customerId, issueDate: '2026-11-26', dueDate: '2026-11-25' }, { token }), 400);
      expectProblem(await t.http.post(`${API}/invoices`, { customerId, dueDate: '2026-11-25', netDays: 3 }, { token }), 400);
      expectProblem(await t.http.post(`${API}/invoices`, { customerId, issueDate: '2026-02-30' }, { token }), 400);
    });
  });
});
