import { expectProblem } from './support/auth-helpers';
import { API, createCustomer, createDraft, createOrg, line, Org, openInvoice } from './support/invoice-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

describe(`invoices: drafts, ETags, lists, cached reads (${testTarget()})`, () => {
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

  describe('drafts: PATCH with If-Match, ETag and 304, DELETE', () => {
    let customerId: string;

    beforeAll(async () => {
      customerId = (await createCustomer(t.http, token)).id;
    });

    it('GET sends an ETag and answers If-None-Match with 304', async () => {
      const draft = await createDraft(t.http, token, customerId);
      const first = await t.http.get(`${API}/invoices/${draft.id}`, { token });
      expect(first.headers.get('etag')).toBe('W/"1"');
      const again = await t.http.get(`${API}/invoices/${draft.id}`, { token, headers: { 'if-none-match': 'W/"1"' } });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.get('etag')).toBe('W/"1"');
      expect((await t.http.get(`${API}/invoices/${draft.id}`, { token, headers: { 'if-none-match': 'W/"0"' } })).status).toBe(200);
    });

    it('PATCH with the current ETag or version changes the draft; a stale one gets 412', async () => {
      const draft = await createDraft(t.http, token, customerId);
      const changed = await t.http.patch(
        `${API}/invoices/${draft.id}`,
        { memo: 'Net 30', lines: [line(2500)] },
        { token, headers: { 'if-match': 'W/"1"' } },
      );
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).toBe('W/"2"');
      expect(changed.body).toMatchObject({ version: 2, memo: 'Net 30', total: 2500 });
      const byNumber = await t.http.patch(`${API}/invoices/${draft.id}`, { memo: null }, { token, headers: { 'if-match': '2' } });
      expect(byNumber.body).toMatchObject({ version: 3, memo: null, total: 2500 });
      const stale = await t.http.patch(`${API}/invoices/${draft.id}`, { memo: 'lost update' }, { token, headers: { 'if-match': 'W/"2"' } });
      expectProblem(stale, 412, 'version_mismatch');
      expect(stale.body.currentVersion).toBe(3);
      expectProblem(await t.http.patch(`${API}/invoices/${draft.id}`, { memo: 'x' }, { token, headers: { 'if-match': 'garbage' } }), 400);
      expect((await t.http.get(`${API}/invoices/${draft.id}`, { token, headers: { 'if-none-match': 'W/"2"' } })).body.memo).toBeNull();
    });

    it('PATCH switches between due date and net days, and refuses totals', async () => {
      const draft = await createDraft(t.http, token, customerId, { issueDate: '2026-11-01', dueDate: '2026-11-20' });
      const net = await t.http.patch(`${API}/invoices/${draft.id}`, { netDays: 14 }, { token });
      expect(net.body).toMatchObject({ dueDate: '2026-11-15', netDays: 14 });
      const due = await t.http.patch(`${API}/invoices/${draft.id}`, { dueDate: '2026-12-01' }, { token });
      expect(due.body).toMatchObject({ dueDate: '2026-12-01', netDays: null });
      expectProblem(await t.http.patch(`${API}/invoices/${draft.id}`, { total: 1 }, { token }), 400);
    });

    it('PATCH changes the currency of a draft with lines only with the lines restated in it (13866 USD is not 13866 JPY)', async () => {
      const draft = await createDraft(t.http, token, customerId, { currency: 'USD', lines: [line(13_866)] });
      const alone = await t.http.patch(`${API}/invoices/${draft.id}`, { currency: 'JPY' }, { token });
      expectProblem(alone, 400, 'validation_failed');
      expect(alone.body.errors).toEqual([{ field: 'currency', message: expect.stringMatching(/only with the lines restated in it/) }]);
      const unchanged = (await t.http.get(`${API}/invoices/${draft.id}`, { token })).body;
      expect(unchanged).toMatchObject({ currency: 'USD', subtotal: 13_866, version: draft.version });
      const restated = await t.http.patch(`${API}/invoices/${draft.id}`, { currency: 'JPY', lines: [line(139)] }, { token });
      expect(restated.status).toBe(200);
      expect(restated.body).toMatchObject({ currency: 'JPY', subtotal: 139, total: 139 });
      const empty = await createDraft(t.http, token, customerId, { currency: 'USD', lines: [] });
      expect((await t.http.patch(`${API}/invoices/${empty.id}`, { currency: 'EUR' }, { token })).body.currency).toBe('EUR');
    });

    it('only drafts can be changed or deleted; a deleted draft is gone, and its history stays, ending with who deleted it', async () => {
      const open = await openInvoice(t.http, token, customerId);
      expectProblem(await t.http.patch(`${API}/invoices/${open.id}`, { memo: 'too late' }, { token }), 409, 'invoice_not_draft');
      expectProblem(await t.http.delete(`${API}/invoices/${open.id}`, { token }), 409, 'invoice_not_draft');
      const draft = await createDraft(t.http, token, customerId);
      expect((await t.http.delete(`${API}/invoices/${draft.id}`, { token })).status).toBe(204);
      expectProblem(await t.http.get(`${API}/invoices/${draft.id}`, { token }), 404, 'not_found');
      const history = await t.http.get(`${API}/invoices/${draft.id}/events`, { token });
      expect(history.status).toBe(200);
      const me = (await t.http.get('/api/v1/auth/me', { token })).body.user.id;
      expect(history.body.data.map(({ type, fromStatus, toStatus, actorId }: any) => ({ type, fromStatus, toStatus, actorId }))).toEqual([
        { type: 'created', fromStatus: null, toStatus: 'draft', actorId: me },
        { type: 'deleted', fromStatus: 'draft', toStatus: null, actorId: me },
      ]);
      // Still the organization's own: another one gets 404, as for any of its invoices.
      const other = await createOrg(t.http, []);
      expectProblem(await t.http.get(`${API}/invoices/${draft.id}/events`, { token: other.tokens.owner }), 404);
      expectProblem(await t.http.get(`${API}/invoices/00000000-0000-4000-8000-000000000000/events`, { token }), 404);
    });
  });

  describe('the invoice list', () => {
    let listOrg: Org;
    let ids: Record<string, string>;
    let alpha: any;

    beforeAll(async () => {
      listOrg = await createOrg(t.http, []);
      const owner = listOrg.tokens.owner;
      alpha = await createCustomer(t.http, owner, { name: 'Alpha Mills' });
      const beta = await createCustomer(t.http, owner, { name: 'Beta Works' });
      const a = await createDraft(t.http, owner, alpha.id, { issueDate: '2026-01-10', dueDate: '2026-02-10', lines: [line(1000)] });
      const b = await openInvoice(t.http, owner, alpha.id, 5000, { issueDate: '2026-03-01', dueDate: '2026-03-31' });
      const c = await openInvoice(t.http, owner, beta.id, 9000, { issueDate: '2026-06-01', dueDate: '2099-01-01' });
      const d = await openInvoice(t.http, owner, beta.id, 7000, { issueDate: '2026-04-01', dueDate: '2026-04-30' });
      expect((await t.http.post(`${API}/invoices/${d.id}/void`, undefined, { token: owner })).status).toBe(200);
      ids = { a: a.id, b: b.id, c: c.id, d: d.id };
    });

    const list = async (query: string) => {
      const res = await t.http.get(`${API}/invoices?${query}`, { token: listOrg.tokens.owner });
      expect(res.status).toBe(200);
      return res.body.data.map((invoice: any) => Object.entries(ids).find(([, id]) => id === invoice.id)?.[0]);
    };

    it('filters by status, including the computed overdue', async () => {
      expect(await list('status=draft')).toEqual(['a']);
      expect((await list('status=open')).sort()).toEqual(['b', 'c']);
      expect(await list('status=void')).toEqual(['d']);
      expect(await list('status=overdue')).toEqual(['b']);
      const overdue = await t.http.get(`${API}/invoices/${ids.b}`, { token: listOrg.tokens.owner });
      expect(overdue.body.isOverdue).toBe(true);
      expect(overdue.headers.get('etag')).toBe(`W/"${overdue.body.version}-overdue"`);
      expectProblem(await t.http.get(`${API}/invoices?status=late`, { token: listOrg.tokens.owner }), 400);
    });

    it('filters by customer, date ranges and total, and searches number or customer name', async () => {
      expect((await list(`customerId=${alpha.id}`)).sort()).toEqual(['a', 'b']);
      expect((await list('issueDate[gte]=2026-03-01&issueDate[lte]=2026-04-30')).sort()).toEqual(['b', 'd']);
      expect((await list('dueDate[lte]=2026-03-31')).sort()).toEqual(['a', 'b']);
      expect((await list('dueDate[gte]=2026-04-01')).sort()).toEqual(['c', 'd']);
      expect((await list('total[gte]=5000&total[lte]=7000')).sort()).toEqual(['b', 'd']);
      expect((await list('q=beta')).sort()).toEqual(['c', 'd']);
      const number = (await t.http.get(`${API}/invoices/${ids.c}`, { token: listOrg.tokens.owner })).body.number;
      expect(await list(`q=${number.toLowerCase()}`)).toEqual(['c']);
      expect(await list('q=100%25')).toEqual([]);
      expectProblem(await t.http.get(`${API}/invoices?total[gte]=abc`, { token: listOrg.tokens.owner }), 400);
      expectProblem(await t.http.get(`${API}/invoices?issueDate[gte]=yesterday`, { token: listOrg.tokens.owner }), 400);
      expectProblem(await t.http.get(`${API}/invoices?organizationId=${org.organizationId}`, { token: listOrg.tokens.owner }), 400);
    });

    it("searches a finalized invoice by the customer name it shows, a draft by its customer's current name", async () => {
      const renamed = await createOrg(t.http, []);
      const owner = renamed.tokens.owner;
      const customer = await createCustomer(t.http, owner, { name: 'Oldname Trading' });
      const printed = await openInvoice(t.http, owner, customer.id);
      const draft = await createDraft(t.http, owner, customer.id);
      expect((await t.http.patch(`${API}/customers/${customer.id}`, { name: 'Newname Trading' }, { token: owner })).status).toBe(200);
      const search = async (q: string) =>
        (await t.http.get(`${API}/invoices?q=${q}`, { token: owner })).body.data.map((invoice: any) => invoice.id).sort();
      expect(await search('oldname')).toEqual([printed.id]);
      expect(await search('newname')).toEqual([draft.id]);
      expect(await search('trading')).toEqual([printed.id, draft.id].sort());
    });

    it('sorts by an allow-listed field and paginates', async () => {
      expect(await list('sort=total')).toEqual(['a', 'b', 'd', 'c']);
      expect(await list('sort=-issueDate')).toEqual(['c', 'd', 'b', 'a']);
      expect(await list('sort=-createdAt&limit=2&page=2')).toEqual(['b', 'a']);
      // The draft has no number: last in either direction, on every database.
      expect(await list('sort=number')).toEqual(['b', 'c', 'd', 'a']);
      expect(await list('sort=-number')).toEqual(['d', 'c', 'b', 'a']);
      expect(await list('sort=-number&q=mills')).toEqual(['b', 'a']);
      const page = await t.http.get(`${API}/invoices?limit=3`, { token: listOrg.tokens.owner });
      expect(page.body.meta).toEqual({ page: 1, limit: 3, total: 4, totalPages: 2 });
      expectProblem(await t.http.get(`${API}/invoices?sort=memo`, { token: listOrg.tokens.owner }), 400);
    });
  });

  describe('cached reads', () => {
    it('serve a read after a write with the write applied (same instance)', async () => {
      const customer = await createCustomer(t.http, token, { name: 'Cache Before' });
      const read = () => t.http.get(`${API}/customers/${customer.id}`, { token });
      expect((await read()).headers.get('x-cache')).toBe('MISS');
      expect((await read()).headers.get('x-cache')).toBe('HIT');
      await t.http.patch(`${API}/customers/${customer.id}`, { name: 'Cache After' }, { token });
      const after = await read();
      expect(after.body.name).toBe('Cache After');
      expect(after.headers.get('x-cache')).toBe('MISS');

      const listed = () => t.http.get(`${API}/invoices?customerId=${customer.id}`, { token });
      expect((await listed()).body.meta.total).toBe(0);
      await createDraft(t.http, token, customer.id);
      expect((await listed()).body.meta.total).toBe(1);
    });
  });
});
