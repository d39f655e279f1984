import { randomUUID } from 'node:crypto';
import { expectProblem, forgeToken } from './support/auth-helpers';
import { HttpResponse } from './support/http';
import { API, createCustomer, createDraft, createOrg, createTaxRate, line, openInvoice, Org } from './support/invoice-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

interface Fixture {
  customer: any;
  rate: any;
  draft: any;
  open: any;
}

describe(`invoices: roles and tenancy (${testTarget()})`, () => {
  let t: TestApp;
  let a: Org;
  let b: Org;
  let fa: Fixture;
  let fb: Fixture;

  async function fixture(org: Org): Promise<Fixture> {
    const token = org.tokens.owner;
    const customer = await createCustomer(t.http, token);
    const rate = await createTaxRate(t.http, token, 20);
    const draft = await createDraft(t.http, token, customer.id);
    const open = await openInvoice(t.http, token, customer.id);
    return { customer, rate, draft, open };
  }

  beforeAll(async () => {
    t = await startTestApp();
    a = await createOrg(t.http, ['viewer', 'accountant', 'admin']);
    b = await createOrg(t.http, []);
    fa = await fixture(a);
    fb = await fixture(b);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Every request of org B that names org A's resources. */
  const crossOrg = (): [string, () => Promise<HttpResponse>][] => {
    const token = b.tokens.owner;
    const { customer, rate, draft, open } = fa;
    return [
      ['GET customer', () => t.http.get(`${API}/customers/${customer.id}`, { token })],
      ['PATCH customer', () => t.http.patch(`${API}/customers/${customer.id}`, { name: 'Stolen' }, { token })],
      ['DELETE customer', () => t.http.delete(`${API}/customers/${customer.id}`, { token })],
      ['GET tax rate', () => t.http.get(`${API}/tax-rates/${rate.id}`, { token })],
      ['PATCH tax rate', () => t.http.patch(`${API}/tax-rates/${rate.id}`, { active: false }, { token })],
      ['DELETE tax rate', () => t.http.delete(`${API}/tax-rates/${rate.id}`, { token })],
      ['POST invoice for their customer', () => t.http.post(`${API}/invoices`, { customerId: customer.id }, { token })],
      [
        'POST invoice with their tax rate',
        () => t.http.post(`${API}/invoices`, { customerId: fb.customer.id, lines: [line(1, { taxRateIds: [rate.id] })] }, { token }),
      ],
      ['GET invoice', () => t.http.get(`${API}/invoices/${open.id}`, { token })],
      ['PATCH invoice', () => t.http.patch(`${API}/invoices/${draft.id}`, { memo: 'x' }, { token })],
      ['PATCH own invoice to their customer', () => t.http.patch(`${API}/invoices/${fb.draft.id}`, { customerId: customer.id }, { token })],
      ['DELETE invoice', () => t.http.delete(`${API}/invoices/${draft.id}`, { token })],
      ['finalize', () => t.http.post(`${API}/invoices/${draft.id}/finalize`, undefined, { token })],
      ['void', () => t.http.post(`${API}/invoices/${open.id}/void`, undefined, { token })],
      ['mark uncollectible', () => t.http.post(`${API}/invoices/${open.id}/mark-uncollectible`, undefined, { token })],
      ['POST payment', () => t.http.post(`${API}/invoices/${open.id}/payments`, { amount: 1, method: 'cash' }, { token })],
      ['GET payments', () => t.http.get(`${API}/invoices/${open.id}/payments`, { token })],
      ['GET events', () => t.http.get(`${API}/invoices/${open.id}/events`, { token })],
      ['GET pdf', () => t.http.get(`${API}/invoices/${open.id}/pdf`, { token })],
    ];
  };

  it("answers 404 to every request for another organization's resources, and changes nothing", async () => {
    for (const [name, request] of crossOrg()) {
      const res = await request();
      expect({ name, status: res.status, code: res.body?.code }).toEqual({ name, status: 404, code: 'not_found' });
      expect(res.text).not.toContain(fa.open.number);
    }
    const token = a.tokens.owner;
    expect((await t.http.get(`${API}/customers/${fa.customer.id}`, { token })).body.name).toBe(fa.customer.name);
    expect((await t.http.get(`${API}/tax-rates/${fa.rate.id}`, { token })).body.active).toBe(true);
    expect((await t.http.get(`${API}/invoices/${fa.draft.id}`, { token })).body).toMatchObject({ status: 'draft', memo: null });
    expect((await t.http.get(`${API}/invoices/${fa.open.id}`, { token })).body).toMatchObject({ status: 'open', amountPaid: 0 });
    expect((await t.http.get(`${API}/invoices/${fb.draft.id}`, { token: b.tokens.owner })).body.customerId).toBe(fb.customer.id);
  });

  it("lists hold only the caller's organization", async () => {
    const token = b.tokens.owner;
    for (const [path, own] of [
      ['customers', fb.customer.id],
      ['tax-rates', fb.rate.id],
      ['invoices', fb.open.id],
    ]) {
      const res = await t.http.get(`${API}/${path}?limit=100`, { token });
      expect(res.body.data.map((row: any) => row.id)).toContain(own);
      const foreign = [fa.customer.id, fa.rate.id, fa.draft.id, fa.open.id];
      expect(res.body.data.filter((row: any) => foreign.includes(row.id))).toEqual([]);
    }
  });

  it('unknown ids are 404 and malformed ids 400', async () => {
    const token = a.tokens.owner;
    expectProblem(await t.http.get(`${API}/invoices/${randomUUID()}`, { token }), 404, 'not_found');
    expectProblem(await t.http.get(`${API}/invoices/not-a-uuid`, { token }), 400);
  });

  it('viewers read everything and write nothing (403 role_required)', async () => {
    const token = a.tokens.viewer;
    for (const path of [
      'customers',
      `customers/${fa.customer.id}`,
      'tax-rates',
      `tax-rates/${fa.rate.id}`,
      'invoices',
      `invoices/${fa.open.id}`,
    ]) {
      expect({ path, status: (await t.http.get(`${API}/${path}`, { token })).status }).toEqual({ path, status: 200 });
    }
    for (const path of [`invoices/${fa.open.id}/events`, `invoices/${fa.open.id}/payments`, `invoices/${fa.open.id}/pdf`]) {
      expect({ path, status: (await t.http.get(`${API}/${path}`, { token })).status }).toEqual({ path, status: 200 });
    }
    const writes: [string, () => Promise<HttpResponse>][] = [
      ['POST customer', () => t.http.post(`${API}/customers`, { name: 'V' }, { token })],
      ['PATCH customer', () => t.http.patch(`${API}/customers/${fa.customer.id}`, { name: 'V' }, { token })],
      ['DELETE customer', () => t.http.delete(`${API}/customers/${fa.customer.id}`, { token })],
      ['POST tax rate', () => t.http.post(`${API}/tax-rates`, { name: 'V', percentage: 1 }, { token })],
      ['PATCH tax rate', () => t.http.patch(`${API}/tax-rates/${fa.rate.id}`, { name: 'V' }, { token })],
      ['DELETE tax rate', () => t.http.delete(`${API}/tax-rates/${fa.rate.id}`, { token })],
      ['POST invoice', () => t.http.post(`${API}/invoices`, { customerId: fa.customer.id }, { token })],
      ['PATCH invoice', () => t.http.patch(`${API}/invoices/${fa.draft.id}`, { memo: 'V' }, { token })],
      ['DELETE invoice', () => t.http.delete(`${API}/invoices/${fa.draft.id}`, { token })],
      ['finalize', () => t.http.post(`${API}/invoices/${fa.draft.id}/finalize`, undefined, { token })],
      ['void', () => t.http.post(`${API}/invoices/${fa.open.id}/void`, undefined, { token })],
      ['mark uncollectible', () => t.http.post(`${API}/invoices/${fa.open.id}/mark-uncollectible`, undefined, { token })],
      ['POST payment', () => t.http.post(`${API}/invoices/${fa.open.id}/payments`, { amount: 1, method: 'cash' }, { token })],
    ];
    for (const [name, request] of writes) {
      const res = await request();
      expect({ name, status: res.status, code: res.body?.code }).toEqual({ name, status: 403, code: 'role_required' });
    }
  });

  it('accountants and admins write', async () => {
    for (const role of ['accountant', 'admin'] as const) {
      const token = a.tokens[role];
      const customer = await createCustomer(t.http, token, { name: `By ${role}` });
      const draft = await createDraft(t.http, token, customer.id);
      expect((await t.http.post(`${API}/invoices/${draft.id}/finalize`, undefined, { token })).status).toBe(200);
    }
  });

  it('an account without an organization gets 403 no_organization', async () => {
    const token = forgeToken({ sub: randomUUID(), org: null, role: null, prole: 'operator' });
    expectProblem(await t.http.get(`${API}/invoices`, { token }), 403, 'no_organization');
    expectProblem(await t.http.get(`${API}/customers/${fa.customer.id}`, { token }), 403, 'no_organization');
  });

  it('every route needs a token', async () => {
    expectProblem(await t.http.get(`${API}/invoices`), 401);
    expectProblem(await t.http.get(`${API}/invoices/${fa.open.id}/pdf`), 401);
    expectProblem(await t.http.post(`${API}/customers`, { name: 'x' }), 401);
  });
});
