import { DataSource } from 'typeorm';
import { CustomersService } from '../libs/invoices/src/customers/customers.service';
import { IdempotencyKeyEntity } from '../libs/invoices/src/idempotency/idempotency-key.entity';
import { IdempotencyService } from '../libs/invoices/src/idempotency/idempotency.service';
import { expectProblem } from './support/auth-helpers';
import { API, createCustomer, createDraft, createOrg, line, openInvoice, Org, pay } from './support/invoice-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

const FINALIZATIONS = 50;
const PAYMENTS = 20;

describe(`invoices: concurrency and idempotency (${testTarget()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('concurrency', () => {
    it(`${FINALIZATIONS} parallel finalizations in one organization get ${FINALIZATIONS} unique, contiguous numbers`, async () => {
      const org = await createOrg(t.http, []);
      const token = org.tokens.owner;
      const customer = await createCustomer(t.http, token);
      const drafts = await Promise.all(Array.from({ length: FINALIZATIONS }, () => createDraft(t.http, token, customer.id)));
      const results = await Promise.all(drafts.map((draft) => t.http.post(`${API}/invoices/${draft.id}/finalize`, undefined, { token })));
      expect(results.map((r) => r.status)).toEqual(drafts.map(() => 200));
      const numbers = results.map((r) => r.body.number as string).sort();
      const year = numbers[0].slice(4, 8);
      expect(numbers).toEqual(Array.from({ length: FINALIZATIONS }, (_, i) => `INV-${year}-${String(i + 1).padStart(6, '0')}`));
      // Finalizing them all again changes nothing: every second attempt is refused.
      const again = await Promise.all(
        drafts.slice(0, 10).map((draft) => t.http.post(`${API}/invoices/${draft.id}/finalize`, undefined, { token })),
      );
      expect(again.map((r) => r.status)).toEqual(Array(10).fill(409));
    });

    it(`${PAYMENTS} parallel payments never overpay`, async () => {
      const org = await createOrg(t.http, []);
      const token = org.tokens.owner;
      const customer = await createCustomer(t.http, token);
      const invoice = await openInvoice(t.http, token, customer.id, 10_000);
      const results = await Promise.all(Array.from({ length: PAYMENTS }, () => pay(t.http, token, invoice.id, 700)));
      const accepted = results.filter((r) => r.status === 201);
      expect(accepted).toHaveLength(14);
      for (const refused of results.filter((r) => r.status !== 201)) expectProblem(refused, 422, 'amount_exceeds_amount_due');
      const after = (await t.http.get(`${API}/invoices/${invoice.id}`, { token })).body;
      expect(after).toMatchObject({ status: 'open', amountPaid: 9_800, amountDue: 200 });
      expect((await t.http.get(`${API}/invoices/${invoice.id}/payments?limit=100`, { token })).body.meta.total).toBe(14);

      const settle = await Promise.all(Array.from({ length: PAYMENTS }, () => pay(t.http, token, invoice.id, 200)));
      expect(settle.filter((r) => r.status === 201)).toHaveLength(1);
      for (const refused of settle.filter((r) => r.status !== 201)) expect([409, 422]).toContain(refused.status);
      expect((await t.http.get(`${API}/invoices/${invoice.id}`, { token })).body).toMatchObject({
        status: 'paid',
        amountPaid: 10_000,
        amountDue: 0,
      });
    });
  });

  describe('Idempotency-Key', () => {
    let org: Org;
    let token: string;
    let customerId: string;

    beforeAll(async () => {
      org = await createOrg(t.http, []);
      token = org.tokens.owner;
      customerId = (await createCustomer(t.http, token)).id;
    });

    const post = (path: string, body: unknown, key: string, as = token) =>
      t.http.post(`${API}${path}`, body, { token: as, headers: { 'idempotency-key': key } });
    const countFor = async (customer: string) => (await t.http.get(`${API}/invoices?customerId=${customer}`, { token })).body.meta.total;

    it('replays the first response for the same key and body; only one invoice exists', async () => {
      const customer = await createCustomer(t.http, token);
      const body = { customerId: customer.id, lines: [line(1234)] };
      const first = await post('/invoices', body, 'create-once');
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const replay = await post('/invoices', { lines: [line(1234)], customerId: customer.id }, 'create-once');
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(await countFor(customer.id)).toBe(1);
    });

    it('refuses the same key with a different body (422) or on another endpoint', async () => {
      await post('/invoices', { customerId, lines: [line(1)] }, 'reused-key');
      expectProblem(await post('/invoices', { customerId, lines: [line(2)] }, 'reused-key'), 422, 'idempotency_key_reused');
      expectProblem(await post('/customers', { name: 'Other' }, 'reused-key'), 422, 'idempotency_key_reused');
    });

    it('answers 409 while the first request with the key is still running', async () => {
      const dataSource = t.app.get(DataSource);
      const body = { customerId, lines: [line(5)] };
      const first = await post('/invoices', body, 'in-flight');
      // Put the key back into the state a running request leaves it in.
      await dataSource
        .getRepository(IdempotencyKeyEntity)
        .update(
          { organizationId: org.organizationId, key: 'in-flight' },
          { state: 'processing', leaseUntil: new Date(Date.now() + 60_000) },
        );
      expectProblem(await post('/invoices', body, 'in-flight'), 409, 'idempotency_request_in_progress');
      await dataSource
        .getRepository(IdempotencyKeyEntity)
        .update({ organizationId: org.organizationId, key: 'in-flight' }, { state: 'completed' });
      expect((await post('/invoices', body, 'in-flight')).body.id).toBe(first.body.id);
    });

    it("a key whose request died (its lease ran out) is taken over by a retry, which runs; the retry's answer is then replayed", async () => {
      const dataSource = t.app.get(DataSource);
      const body = { customerId, lines: [line(6)] };
      const first = await post('/invoices', body, 'died');
      await dataSource
        .getRepository(IdempotencyKeyEntity)
        .update({ organizationId: org.organizationId, key: 'died' }, { state: 'processing', leaseUntil: new Date(Date.now() - 1000) });
      const retry = await post('/invoices', body, 'died');
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
      expect(retry.body.id).not.toBe(first.body.id);
      const replay = await post('/invoices', body, 'died');
      expect([replay.body.id, replay.headers.get('idempotent-replayed')]).toEqual([retry.body.id, 'true']);
      const row = await dataSource.getRepository(IdempotencyKeyEntity).findOneByOrFail({ organizationId: org.organizationId, key: 'died' });
      expect([row.state, row.leaseUntil]).toEqual(['completed', null]);
    });

    it('a key without a lease (written before leases, by an older instance) keeps the lease of its creation', async () => {
      const keys = t.app.get(DataSource).getRepository(IdempotencyKeyEntity);
      const body = { customerId, lines: [line(7)] };
      const first = await post('/invoices', body, 'lease-less');
      const where = { organizationId: org.organizationId, key: 'lease-less' };
      await keys.update(where, { state: 'processing', leaseUntil: null, createdAt: new Date() });
      expectProblem(await post('/invoices', body, 'lease-less'), 409, 'idempotency_request_in_progress');
      await keys.update(where, { createdAt: new Date(Date.now() - 2 * 60_000) });
      const retry = await post('/invoices', body, 'lease-less');
      expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([201, null]);
      expect(retry.body.id).not.toBe(first.body.id);
    });

    it('a second request with the key while the first is really still running gets 409, then the stored answer', async () => {
      const customers = t.app.get(CustomersService);
      const create = customers.create.bind(customers);
      let letGo!: () => void;
      const held = new Promise<void>((resolve) => (letGo = resolve));
      const slow = jest.spyOn(customers, 'create').mockImplementationOnce(async (...args) => {
        await held;
        return create(...args);
      });
      try {
        const body = { name: 'Slow Ltd' };
        const first = post('/customers', body, 'slow-create');
        for (let i = 0; i < 200 && slow.mock.calls.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(slow).toHaveBeenCalledTimes(1);
        expectProblem(await post('/customers', body, 'slow-create'), 409, 'idempotency_request_in_progress');
        letGo();
        const created = await first;
        expect(created.status).toBe(201);
        const replay = await post('/customers', body, 'slow-create');
        expect([replay.status, replay.body.id, replay.headers.get('idempotent-replayed')]).toEqual([201, created.body.id, 'true']);
      } finally {
        letGo();
        slow.mockRestore();
      }
    });

    it('lets parallel requests with one key create exactly one invoice; the others replay it or get 409', async () => {
      const customer = await createCustomer(t.http, token);
      const body = { customerId: customer.id, lines: Array.from({ length: 20 }, (_, i) => line(100 + i)) };
      const results = await Promise.all(Array.from({ length: 10 }, () => post('/invoices', body, 'race-create')));
      const created = results.filter((r) => r.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
      for (const other of results.filter((r) => r.status !== 201)) expectProblem(other, 409, 'idempotency_request_in_progress');
      expect(await countFor(customer.id)).toBe(1);
    });

    it('lets parallel payments with one key record one payment', async () => {
      const invoice = await openInvoice(t.http, token, customerId, 10_000);
      const body = { amount: 2_500, method: 'card' };
      const results = await Promise.all(
        Array.from({ length: 10 }, () => post(`/invoices/${invoice.id}/payments`, body, `pay-${invoice.id}`)),
      );
      expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      expect(new Set(results.filter((r) => r.status === 201).map((r) => r.body.id)).size).toBe(1);
      expect((await t.http.get(`${API}/invoices/${invoice.id}`, { token })).body).toMatchObject({ amountPaid: 2_500 });
    });

    it('replays an action instead of refusing the repeated transition', async () => {
      const draft = await createDraft(t.http, token, customerId);
      const first = await post(`/invoices/${draft.id}/finalize`, undefined, `finalize-${draft.id}`);
      const again = await post(`/invoices/${draft.id}/finalize`, undefined, `finalize-${draft.id}`);
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.body.number).toBe(first.body.number);
    });

    it('replays a refusal the handler decided (422) like a success, as Stripe does; a new key runs the request again', async () => {
      const draft = await createDraft(t.http, token, customerId, { lines: [] });
      const key = `finalize-empty-${draft.id}`;
      const first = await post(`/invoices/${draft.id}/finalize`, undefined, key);
      expectProblem(first, 422, 'invoice_has_no_lines');
      // The draft gets a line; the key still answers what it answered the first time.
      expect((await t.http.patch(`${API}/invoices/${draft.id}`, { lines: [line(100)] }, { token })).status).toBe(200);
      const again = await post(`/invoices/${draft.id}/finalize`, undefined, key);
      expectProblem(again, 422, 'invoice_has_no_lines');
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect((await post(`/invoices/${draft.id}/finalize`, undefined, `${key}-new`)).status).toBe(200);
    });

    it('keeps and replays a response too long to store as text (100 lines with long descriptions, ≈ 100 kB): no second invoice', async () => {
      const customer = await createCustomer(t.http, token);
      const lines = Array.from({ length: 100 }, (_, i) =>
        line(100 + i, { description: `${i} `.padEnd(500, 'maintenance of the engine ') }),
      );
      const first = await post('/invoices', { customerId: customer.id, lines }, 'large-create');
      expect(first.status).toBe(201);
      expect(first.text.length).toBeGreaterThan(60_000);
      const replay = await post('/invoices', { customerId: customer.id, lines }, 'large-create');
      expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
      expect(replay.body).toEqual(first.body);
      expect(await countFor(customer.id)).toBe(1);
    });

    it('is scoped to the organization, released when the input is invalid (400), and bounded to 255 characters', async () => {
      const other = await createOrg(t.http, []);
      const otherCustomer = await createCustomer(t.http, other.tokens.owner);
      await post('/invoices', { customerId, lines: [] }, 'shared-key');
      expect((await post('/invoices', { customerId: otherCustomer.id, lines: [] }, 'shared-key', other.tokens.owner)).status).toBe(201);
      expectProblem(await post('/invoices', { customerId, lines: [line(-1)] }, 'fails-first'), 400);
      expect((await post('/invoices', { customerId, lines: [line(1)] }, 'fails-first')).status).toBe(201);
      expectProblem(await post('/invoices', { customerId }, 'k'.repeat(256)), 400);
      expect((await post('/invoices', { customerId }, 'k'.repeat(255))).status).toBe(201);
    });

    it('keeps keys for the configured time (24 h) and purges expired ones', async () => {
      const repository = t.app.get(DataSource).getRepository(IdempotencyKeyEntity);
      await post('/customers', { name: 'Kept a day' }, 'kept-a-day');
      const row = await repository.findOneByOrFail({ organizationId: org.organizationId, key: 'kept-a-day' });
      expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(24 * 3600 * 1000);
      await repository.update({ id: row.id }, { expiresAt: new Date(Date.now() - 1000) });
      expect(await t.app.get(IdempotencyService).purgeExpired()).toBeGreaterThanOrEqual(1);
      expect(await repository.findOneBy({ id: row.id })).toBeNull();
    });
  });
});
