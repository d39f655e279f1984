import { JobQueue } from '@nexus/core';
import { DataSource } from 'typeorm';
import { InvoiceEntity } from '../libs/invoices/src/invoices/invoice.entity';
import { InvoiceEventsRepository } from '../libs/invoices/src/events/invoice-events.repository';
import { OverdueService } from '../libs/invoices/src/overdue/overdue.service';
import { RECORD_OVERDUE_JOB } from '../libs/invoices/src/overdue/overdue.jobs';
import { OverdueScheduler } from '../libs/invoices/src/overdue/overdue.scheduler';
import { expectProblem } from './support/auth-helpers';
import {
  API,
  createCustomer,
  createDraft,
  createOrg,
  createTaxRate,
  finalize,
  getBytes,
  line,
  openInvoice,
  Org,
  pay,
  setTimeZone,
} from './support/invoice-helpers';
import { parsePdf } from './support/pdf-reader';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

type Action = 'finalize' | 'void' | 'mark-uncollectible' | 'pay';
const ACTIONS: Action[] = ['finalize', 'void', 'mark-uncollectible', 'pay'];
const ALLOWED: Record<string, Action[]> = {
  draft: ['finalize'],
  open: ['void', 'mark-uncollectible', 'pay'],
  uncollectible: ['void', 'pay'],
  paid: [],
  void: [],
};
const NUMBER = /^INV-\d{4}-\d{6}$/;

describe(`invoices: lifecycle, payments, numbering, history, PDF, overdue (${testTarget()})`, () => {
  let t: TestApp;
  let org: Org;
  let token: string;
  let customerId: string;

  const act = (id: string, action: Action, amount = 1) =>
    action === 'pay' ? pay(t.http, token, id, amount) : t.http.post(`${API}/invoices/${id}/${action}`, undefined, { token });
  const get = async (id: string) => (await t.http.get(`${API}/invoices/${id}`, { token })).body;
  const events = async (id: string) => (await t.http.get(`${API}/invoices/${id}/events?limit=100`, { token })).body.data;

  /** A fresh invoice in `status`, with a total of 10000. */
  async function inStatus(status: string): Promise<any> {
    const draft = await createDraft(t.http, token, customerId);
    if (status === 'draft') return draft;
    const open = await finalize(t.http, token, draft.id);
    if (status === 'open') return open;
    if (status === 'paid') expect((await pay(t.http, token, open.id, 10_000)).status).toBe(201);
    else expect((await act(open.id, status === 'void' ? 'void' : 'mark-uncollectible')).status).toBe(200);
    return get(open.id);
  }

  beforeAll(async () => {
    t = await startTestApp();
    org = await createOrg(t.http, ['viewer', 'accountant']);
    token = org.tokens.accountant;
    customerId = (
      await createCustomer(t.http, token, { name: 'Original Name Ltd', address: { line1: '1 Loom St', city: 'Leeds', country: 'GB' } })
    ).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('transitions', () => {
    it('draft → open: finalize numbers the invoice, snapshots the customer and stamps finalizedAt', async () => {
      const draft = await createDraft(t.http, token, customerId, { netDays: 30 });
      const open = await finalize(t.http, token, draft.id);
      expect(open).toMatchObject({
        status: 'open',
        version: 2,
        number: expect.stringMatching(NUMBER),
        finalizedAt: expect.any(String),
        amountDue: 10_000,
      });
      expect(open.number.slice(4, 8)).toBe(open.finalizedAt.slice(0, 4));
      expect(open.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(open.customerSnapshot).toEqual({
        id: customerId,
        name: 'Original Name Ltd',
        email: 'billing@babbage.example',
        address: { line1: '1 Loom St', city: 'Leeds', country: 'GB' },
        taxId: null,
      });
      const due = new Date(`${open.issueDate}T00:00:00Z`);
      due.setUTCDate(due.getUTCDate() + 30);
      expect(open.dueDate).toBe(due.toISOString().slice(0, 10));
    });

    it('open → paid by payments that reach the total, with every step in the history', async () => {
      const open = await inStatus('open');
      const first = await pay(t.http, token, open.id, 4_000);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        id: expect.any(String),
        invoiceId: open.id,
        amount: 4_000,
        paidAt: expect.any(String),
        method: 'bank_transfer',
        reference: null,
        createdAt: expect.any(String),
      });
      expect(await get(open.id)).toMatchObject({ status: 'open', amountPaid: 4_000, amountDue: 6_000, paidAt: null });
      const overpaid = await pay(t.http, token, open.id, 6_001);
      expectProblem(overpaid, 422, 'amount_exceeds_amount_due');
      expect(overpaid.body).toMatchObject({ amountDue: 6_000, errors: [{ field: 'amount', message: expect.stringContaining('6001') }] });
      const rest = await t.http.post(
        `${API}/invoices/${open.id}/payments`,
        { amount: 6_000, method: 'card', reference: 'ch_123', paidAt: '2026-11-20T08:30:00.123Z' },
        { token },
      );
      expect(rest.body).toMatchObject({ amount: 6_000, method: 'card', reference: 'ch_123', paidAt: '2026-11-20T08:30:00.123Z' });
      expect(await get(open.id)).toMatchObject({ status: 'paid', amountPaid: 10_000, amountDue: 0, paidAt: expect.any(String) });
      const payments = (await t.http.get(`${API}/invoices/${open.id}/payments`, { token: org.tokens.viewer })).body;
      expect(payments.data.map((p: any) => [p.amount, p.paidAt])).toEqual([
        [6_000, '2026-11-20T08:30:00.123Z'],
        [4_000, first.body.paidAt],
      ]);
      expect((await events(open.id)).map((e: any) => [e.type, e.fromStatus, e.toStatus])).toEqual([
        ['created', null, 'draft'],
        ['finalized', 'draft', 'open'],
        ['payment_recorded', 'open', 'open'],
        ['payment_recorded', 'open', 'open'],
        ['paid', 'open', 'paid'],
      ]);
    });

    it('open → void and open → uncollectible stamp their time', async () => {
      const voided = (await act((await inStatus('open')).id, 'void')).body;
      expect(voided).toMatchObject({ status: 'void', voidedAt: expect.any(String) });
      const uncollectible = (await act((await inStatus('open')).id, 'mark-uncollectible')).body;
      expect(uncollectible).toMatchObject({ status: 'uncollectible', markedUncollectibleAt: expect.any(String) });
    });

    it('uncollectible → paid and uncollectible → void', async () => {
      const a = await inStatus('uncollectible');
      expect((await pay(t.http, token, a.id, 10_000)).status).toBe(201);
      expect(await get(a.id)).toMatchObject({ status: 'paid', amountDue: 0 });
      expect((await events(a.id)).at(-1)).toMatchObject({ type: 'paid', fromStatus: 'uncollectible', toStatus: 'paid' });
      const b = await inStatus('uncollectible');
      expect((await act(b.id, 'void')).body).toMatchObject({ status: 'void' });
    });

    it.each(Object.keys(ALLOWED))(
      'refuses every other action on a %s invoice with 409 invalid_transition, changing nothing',
      async (status) => {
        const invoice = await inStatus(status);
        for (const action of ACTIONS.filter((a) => !ALLOWED[status].includes(a))) {
          const res = await act(invoice.id, action);
          expectProblem(res, 409, 'invalid_transition');
          expect(res.body).toMatchObject({ fromStatus: status });
        }
        expect(await get(invoice.id)).toMatchObject({ status, version: invoice.version, number: invoice.number });
      },
    );

    it('a zero total is paid at finalization', async () => {
      const draft = await createDraft(t.http, token, customerId, { lines: [line(0)] });
      const done = await finalize(t.http, token, draft.id);
      expect(done).toMatchObject({
        status: 'paid',
        total: 0,
        amountDue: 0,
        number: expect.stringMatching(NUMBER),
        paidAt: expect.any(String),
      });
      expect((await events(draft.id)).map((e: any) => e.type)).toEqual(['created', 'finalized', 'paid']);
    });

    it('records who acted: viewers may read but not act', async () => {
      const draft = await createDraft(t.http, token, customerId);
      expectProblem(
        await t.http.post(`${API}/invoices/${draft.id}/finalize`, undefined, { token: org.tokens.viewer }),
        403,
        'role_required',
      );
      await finalize(t.http, org.tokens.owner, draft.id);
      const history = await events(draft.id);
      expect(history[1]).toEqual({
        id: expect.any(String),
        type: 'finalized',
        fromStatus: 'draft',
        toStatus: 'open',
        actorId: org.owner.userId,
        createdAt: expect.any(String),
      });
    });
  });

  describe('numbering', () => {
    it('is gap-free per organization: deleted drafts and refused finalizations use no number', async () => {
      const own = await createOrg(t.http, []);
      const owner = own.tokens.owner;
      const customer = await createCustomer(t.http, owner);
      const first = await openInvoice(t.http, owner, customer.id);
      const deleted = await createDraft(t.http, owner, customer.id);
      expect((await t.http.delete(`${API}/invoices/${deleted.id}`, { token: owner })).status).toBe(204);
      const empty = await createDraft(t.http, owner, customer.id, { lines: [] });
      expectProblem(await t.http.post(`${API}/invoices/${empty.id}/finalize`, undefined, { token: owner }), 422, 'invoice_has_no_lines');
      const late = await createDraft(t.http, owner, customer.id, { dueDate: '2020-01-01' });
      const refused = await t.http.post(`${API}/invoices/${late.id}/finalize`, undefined, { token: owner });
      expectProblem(refused, 422, 'due_date_before_issue_date');
      expect(refused.body.errors).toEqual([{ field: 'dueDate', message: expect.stringContaining('2020-01-01') }]);
      expect((await get(empty.id)).number ?? null).toBeNull();
      const second = await openInvoice(t.http, owner, customer.id);
      const year = first.number.slice(4, 8);
      expect([first.number, second.number]).toEqual([`INV-${year}-000001`, `INV-${year}-000002`]);
    });

    it("uses the organization's own prefix once it sets one, continuing the year's count, and the default again when cleared", async () => {
      const own = await createOrg(t.http, []);
      const owner = own.tokens.owner;
      const customer = await createCustomer(t.http, owner);
      const first = await openInvoice(t.http, owner, customer.id);
      const year = first.number.slice(4, 8);
      expect(first.number).toBe(`INV-${year}-000001`);
      const set = await t.http.patch(`${API}/organizations/current`, { invoicePrefix: 'ACME' }, { token: owner });
      expect(set.body.invoicePrefix).toBe('ACME');
      expect((await openInvoice(t.http, owner, customer.id)).number).toBe(`ACME-${year}-000002`);
      expect((await t.http.get(`${API}/invoices/${first.id}`, { token: owner })).body.number).toBe(first.number);
      expect((await t.http.patch(`${API}/organizations/current`, { invoicePrefix: null }, { token: owner })).body.invoicePrefix).toBeNull();
      expect((await openInvoice(t.http, owner, customer.id)).number).toBe(`INV-${year}-000003`);
      const bad = await t.http.patch(`${API}/organizations/current`, { invoicePrefix: 'acme-1' }, { token: owner });
      expectProblem(bad, 400, 'validation_failed');
      expect(bad.body.errors).toEqual([
        { field: 'invoicePrefix', message: 'invoicePrefix must be 1-10 upper-case letters or digits, such as ACME' },
      ]);
    });

    it('a finalization that fails after taking its number gives the number back: the draft stays a draft', async () => {
      const own = await createOrg(t.http, []);
      const owner = own.tokens.owner;
      const customer = await createCustomer(t.http, owner);
      const first = await openInvoice(t.http, owner, customer.id);
      const draft = await createDraft(t.http, owner, customer.id);
      // The last write of the finalization, after the number was taken and the invoice saved.
      const append = jest.spyOn(t.app.get(InvoiceEventsRepository), 'append').mockRejectedValueOnce(new Error('disk full'));
      const errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        expectProblem(await t.http.post(`${API}/invoices/${draft.id}/finalize`, undefined, { token: owner }), 500);
      } finally {
        append.mockRestore();
        errorLog.mockRestore();
      }
      const after = (await t.http.get(`${API}/invoices/${draft.id}`, { token: owner })).body;
      expect(after).toMatchObject({ status: 'draft', version: draft.version });
      expect(after.number ?? null).toBeNull();
      const year = first.number.slice(4, 8);
      expect((await finalize(t.http, owner, draft.id)).number).toBe(`INV-${year}-000002`);
    });
  });

  describe('history', () => {
    it('is append-only and paginated', async () => {
      const draft = await createDraft(t.http, token, customerId);
      await t.http.patch(`${API}/invoices/${draft.id}`, { memo: 'changed' }, { token });
      const page = await t.http.get(`${API}/invoices/${draft.id}/events?limit=1&page=2`, { token: org.tokens.viewer });
      expect(page.body.meta).toEqual({ page: 2, limit: 1, total: 2, totalPages: 2 });
      expect(page.body.data[0]).toMatchObject({ type: 'updated', fromStatus: 'draft', toStatus: 'draft' });
      expectProblem(await t.http.get(`${API}/invoices/${draft.id}/events?limit=500`, { token }), 400);
    });
  });

  describe('PDF', () => {
    it('is a PDF with the number, the snapshot and the stored totals', async () => {
      const vat = await createTaxRate(t.http, token, 19);
      const draft = await createDraft(t.http, token, customerId, { currency: 'USD', lines: [line(13866, { taxRateIds: [vat.id] })] });
      const invoice = await finalize(t.http, token, draft.id);
      await t.http.patch(`${API}/customers/${customerId}`, { name: 'Renamed Later plc' }, { token });
      const { status, headers, bytes } = await getBytes(t.url, `${API}/invoices/${invoice.id}/pdf`, org.tokens.viewer);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/pdf');
      expect(headers.get('content-disposition')).toBe(`inline; filename="${invoice.number}.pdf"`);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const pdf = parsePdf(bytes);
      expect(pdf.pages).toBe(1);
      const text = pdf.text.join('\n');
      expect(text).toContain(`Invoice ${invoice.number}`);
      expect(text).toContain('Original Name Ltd');
      expect(text).not.toContain('Renamed Later');
      expect(pdf.text).toEqual(expect.arrayContaining(['138.66 USD', '26.35 USD', '165.01 USD', 'Total', 'VAT 19 19%']));
      await t.http.patch(`${API}/customers/${customerId}`, { name: 'Original Name Ltd' }, { token });
    });

    it('renders drafts, JPY without decimals and many lines over several pages', async () => {
      const lines = Array.from({ length: 60 }, (_, i) => line(1000 + i, { description: `Punched card batch ${i + 1}` }));
      const draft = await createDraft(t.http, token, customerId, { currency: 'JPY', lines });
      const { status, bytes } = await getBytes(t.url, `${API}/invoices/${draft.id}/pdf`, token);
      expect(status).toBe(200);
      const pdf = parsePdf(bytes);
      expect(pdf.pages).toBeGreaterThan(1);
      expect(pdf.text).toContain('Draft invoice');
      expect(pdf.text).toContain(`${draft.total} JPY`);
      expect(pdf.text).toContain('Punched card batch 60');
    });

    it('prints names, addresses and lines outside Latin-1 as stored, in the embedded Unicode font', async () => {
      const name = 'ООО Ромашка (Łódź Sp. z o.o.)';
      const street = 'ul. Antonína Dvořáka 12';
      const description = 'Ελληνικά translation, İstanbul office';
      const customer = await createCustomer(t.http, token, {
        name,
        address: { line1: street, postalCode: '34000', city: 'İstanbul', country: 'TR' },
      });
      const draft = await createDraft(t.http, token, customer.id, { lines: [line(4_200, { description })] });
      const invoice = await finalize(t.http, token, draft.id);
      const { status, bytes } = await getBytes(t.url, `${API}/invoices/${invoice.id}/pdf`, token);
      expect(status).toBe(200);
      const pdf = parsePdf(bytes);

      const printed = [name, street, '34000 İstanbul', description];
      expect(pdf.text).toEqual(expect.arrayContaining([...printed, '42.00 USD']));
      for (const text of printed) {
        const run = pdf.runs.find((r) => r.text === text)!;
        expect(run.font.subtype).toBe('Type0');
        expect(run.font.baseFont).toMatch(/^[A-Z]{6}\+DejaVuSansCondensed$/);
        expect([...run.font.toUnicode!.values()]).toEqual(expect.arrayContaining(['Ł', 'ř', 'О', 'İ', 'λ']));
      }
      // No standard-14 font anywhere: they only cover WinAnsi.
      expect(pdf.fonts.map((font) => font.baseFont)).toEqual(
        expect.arrayContaining([expect.stringMatching(/\+DejaVuSansCondensed-Bold$/), expect.stringMatching(/\+DejaVuSansCondensed$/)]),
      );
      for (const font of pdf.fonts) expect(font.baseFont).toMatch(/^[A-Z]{6}\+DejaVuSansCondensed(-Bold)?$/);
      expect(bytes.toString('latin1')).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    });

    it('draws characters the font lacks (CJK, most emoji) as its .notdef glyph instead of failing', async () => {
      const memo = 'Lieferung ≥ 5 Stück — 東京 🦄';
      const draft = await createDraft(t.http, token, customerId, { memo });
      const { status, bytes } = await getBytes(t.url, `${API}/invoices/${draft.id}/pdf`, token);
      expect(status).toBe(200);
      const pdf = parsePdf(bytes);
      // .notdef (glyph 0) maps to U+0000, so the missing characters copy as nothing rather than as wrong ones.
      const printed = 'Lieferung ≥ 5 Stück — \u0000\u0000 \u0000';
      expect(pdf.text).toContain(printed);
      expect(pdf.runs.find((r) => r.text === printed)!.font.baseFont).toMatch(/^[A-Z]{6}\+DejaVuSansCondensed$/);
    });
  });

  describe('overdue', () => {
    it('a new time zone reaches cached reads at once: the invoice cache is forgotten with the change', async () => {
      const zoned = await createOrg(t.http, []);
      const owner = zoned.tokens.owner;
      await setTimeZone(t.http, owner, 'Pacific/Pago_Pago'); // UTC-11
      // Due today in Pago Pago, so not overdue there; it is already tomorrow or later in Kiritimati (UTC+14).
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Pago_Pago' }).format(new Date());
      const customer = await createCustomer(t.http, owner);
      const invoice = await openInvoice(t.http, owner, customer.id, 500, { issueDate: today, dueDate: today });
      expect(invoice.isOverdue).toBe(false);
      const read = () => t.http.get(`${API}/invoices/${invoice.id}`, { token: owner });
      expect((await read()).headers.get('x-cache')).toBe('MISS');
      const cached = await read();
      expect([cached.headers.get('x-cache'), cached.body.isOverdue]).toEqual(['HIT', false]);

      await setTimeZone(t.http, owner, 'Pacific/Kiritimati');
      const after = await read();
      expect([after.headers.get('x-cache'), after.body.isOverdue, after.headers.get('etag')]).toEqual([
        'MISS',
        true,
        expect.stringMatching(/-overdue"$/),
      ]);
    });

    it("is judged in the organization's time zone and recorded once per invoice by the daily job", async () => {
      const zoned = await createOrg(t.http, []);
      const owner = zoned.tokens.owner;
      await setTimeZone(t.http, owner, 'Pacific/Kiritimati');
      const customer = await createCustomer(t.http, owner);
      const late = await openInvoice(t.http, owner, customer.id, 500, { issueDate: '2020-01-01', dueDate: '2020-01-31' });
      const onTime = await openInvoice(t.http, owner, customer.id, 500, { issueDate: '2020-01-01', dueDate: '2099-12-31' });
      expect(late.isOverdue).toBe(true);
      expect(onTime.isOverdue).toBe(false);
      const listed = await t.http.get(`${API}/invoices?status=overdue`, { token: owner });
      expect(listed.body.data.map((i: any) => i.id)).toEqual([late.id]);

      const fresh = async (id: string) =>
        (await t.http.get(`${API}/invoices/${id}`, { token: owner, headers: { 'cache-control': 'no-cache' } })).body;
      // An updated_at long past, so a rewrite of it could not go unnoticed at any clock precision.
      await t.app
        .get(DataSource)
        .getRepository(InvoiceEntity)
        .update(late.id, { updatedAt: new Date('2020-02-01T00:00:00Z') });
      const before = await fresh(late.id);
      expect(before.updatedAt).toBe('2020-02-01T00:00:00.000Z');
      const jobs = t.app.get(JobQueue);
      const jobId = await t.app.get(OverdueScheduler).enqueueFor(new Date());
      expect(jobId).toBe(`invoices-overdue:${new Date().toISOString().slice(0, 10)}`);
      expect(await t.app.get(OverdueScheduler).enqueueFor(new Date())).toBe(jobId);
      for (let i = 0; i < 200 && (await jobs.getStatus(RECORD_OVERDUE_JOB, jobId))?.state !== 'completed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect((await jobs.getStatus(RECORD_OVERDUE_JOB, jobId))?.state).toBe('completed');
      // Recording the event does not change the invoice: same version, same updatedAt.
      expect(await fresh(late.id)).toMatchObject({ version: before.version, updatedAt: before.updatedAt, isOverdue: true });
      // A second sweep (another day's job, or a retry) records nothing new.
      await t.app.get(OverdueService).recordOverdue();
      const history = (await t.http.get(`${API}/invoices/${late.id}/events`, { token: owner })).body.data;
      expect(history.filter((e: any) => e.type === 'overdue')).toEqual([
        { id: expect.any(String), type: 'overdue', fromStatus: 'open', toStatus: 'open', actorId: null, createdAt: expect.any(String) },
      ]);
      const quiet = (await t.http.get(`${API}/invoices/${onTime.id}/events`, { token: owner })).body.data;
      expect(quiet.map((e: any) => e.type)).toEqual(['created', 'finalized']);
    });
  });
});
