import { randomBytes } from 'node:crypto';
import { API, createCustomer, createDraft, createOrg, finalize, line } from './support/invoice-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase, testTarget } from './support/test-database';

/** Two API instances on one database and one Redis, as behind a load balancer. */
describe(`invoices: cache invalidation across instances (${testTarget()})`, () => {
  let database: TestDatabase;
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    const prefix = `t${randomBytes(5).toString('hex')}`;
    one = await startTestApp({ database, env: { REDIS_KEY_PREFIX: prefix } });
    two = await startTestApp({ database, env: { REDIS_KEY_PREFIX: prefix, DATABASE_AUTO_MIGRATE: 'false' } });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  it('a read on one instance after a write on the other sees the write, for every cached route', async () => {
    const org = await createOrg(one.http, []);
    const token = org.tokens.owner;
    const customer = await createCustomer(one.http, token, { name: 'Before' });
    const draft = await createDraft(one.http, token, customer.id, { lines: [line(100)] });
    const routes = [`${API}/customers`, `${API}/customers/${customer.id}`, `${API}/invoices`, `${API}/invoices/${draft.id}`];
    // Warm the shared cache from instance two, and check it is really served from there.
    for (const route of routes) await two.http.get(route, { token });
    for (const route of routes)
      expect({ route, cache: (await two.http.get(route, { token })).headers.get('x-cache') }).toEqual({ route, cache: 'HIT' });
    // A hit on instance one too: the cache is shared, not per process.
    expect((await one.http.get(routes[1], { token })).headers.get('x-cache')).toBe('HIT');

    await one.http.patch(`${API}/customers/${customer.id}`, { name: 'After' }, { token });
    expect((await two.http.get(`${API}/customers/${customer.id}`, { token })).body.name).toBe('After');
    expect((await two.http.get(`${API}/customers`, { token })).body.data[0].name).toBe('After');

    await finalize(one.http, token, draft.id);
    expect((await two.http.get(`${API}/invoices/${draft.id}`, { token })).body.status).toBe('open');
    expect((await two.http.get(`${API}/invoices`, { token })).body.data[0].status).toBe('open');

    await two.http.post(`${API}/invoices/${draft.id}/payments`, { amount: 100, method: 'cash' }, { token });
    expect((await one.http.get(`${API}/invoices/${draft.id}`, { token })).body).toMatchObject({ status: 'paid', amountDue: 0 });
  });

  it('a write invalidates only its own organization', async () => {
    const a = await createOrg(one.http, []);
    const b = await createOrg(one.http, []);
    const customerB = await createCustomer(one.http, b.tokens.owner);
    const url = `${API}/customers/${customerB.id}`;
    await two.http.get(url, { token: b.tokens.owner });
    await createCustomer(one.http, a.tokens.owner);
    expect((await two.http.get(url, { token: b.tokens.owner })).headers.get('x-cache')).toBe('HIT');
  });

  it('concurrent writes and reads never leave a stale entry behind', async () => {
    const org = await createOrg(one.http, []);
    const token = org.tokens.owner;
    const customer = await createCustomer(one.http, token, { name: 'v0' });
    const url = `${API}/customers/${customer.id}`;
    for (let i = 1; i <= 5; i++) {
      const reads = Array.from({ length: 10 }, (_, n) => (n % 2 ? one : two).http.get(url, { token }));
      await Promise.all([one.http.patch(url, { name: `v${i}` }, { token }), ...reads]);
      for (const instance of [one, two]) expect((await instance.http.get(url, { token })).body.name).toBe(`v${i}`);
    }
  });
});
