import { AppConfig, buildDataSourceOptions, DatabaseKind } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '../apps/cli/src/entities';
import { InvoiceEventEntity } from '../libs/invoices/src/events/invoice-event.entity';
import { pendingSchemaChanges } from '../scripts/generate-migrations';
import { createCustomer, createDraft, createOrg, openInvoice } from './support/invoice-helpers';
import { startTestApp } from './support/test-app';
import { createTestDatabase, testTarget } from './support/test-database';

const KIND: Record<ReturnType<typeof testTarget>, DatabaseKind> = { embedded: 'sqlite', mariadb: 'mysql', postgres: 'postgres' };

describe(`migrations (${testTarget()})`, () => {
  it('bring a new database exactly to the entities (nothing left for migration:generate)', async () => {
    const { up } = await pendingSchemaChanges(KIND[testTarget()], testTarget());
    expect(up).toEqual([]);
  });

  it('revert cleanly and apply again', async () => {
    const database = await createTestDatabase();
    const dataSource = new DataSource({
      ...buildDataSourceOptions(AppConfig.forTest({ DATABASE_URL: database.url }), ALL_ENTITIES),
      logging: false,
    });
    try {
      await dataSource.initialize();
      const applied = await dataSource.runMigrations({ transaction: 'all' });
      expect(applied.length).toBeGreaterThan(0);
      // The history of a deleted draft: kept by the current schema, and in the way of the older one's foreign key.
      await dataSource.getRepository(InvoiceEventEntity).insert({
        id: randomUUID(),
        organizationId: randomUUID(),
        invoiceId: randomUUID(),
        type: 'deleted',
        fromStatus: 'draft',
        toStatus: null,
        actorId: null,
        invoiceVersion: 2,
        createdAt: new Date(),
      });
      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration({ transaction: 'all' });
      const tables = await dataSource.createQueryRunner().getTables(['users', 'organizations', 'memberships', 'refresh_tokens']);
      expect(tables).toEqual([]);
      expect(await dataSource.runMigrations({ transaction: 'all' })).toHaveLength(applied.length);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    }
  });

  it('fill in invoices.customer_name from the snapshots of invoices finalized before it existed', async () => {
    const database = await createTestDatabase();
    let finalizedId: string;
    let draftId: string;
    const t = await startTestApp({ database });
    try {
      const org = await createOrg(t.http, []);
      const customer = await createCustomer(t.http, org.tokens.owner, { name: 'Printed Name Ltd' });
      finalizedId = (await openInvoice(t.http, org.tokens.owner, customer.id)).id;
      draftId = (await createDraft(t.http, org.tokens.owner, customer.id)).id;
    } finally {
      await t.close();
    }
    const dataSource = new DataSource({
      ...buildDataSourceOptions(AppConfig.forTest({ DATABASE_URL: database.url }), ALL_ENTITIES),
      logging: false,
    });
    try {
      await dataSource.initialize();
      // The newest migration is the one adding the column: undone, then applied again to rows that predate it.
      await dataSource.undoLastMigration({ transaction: 'all' });
      expect((await dataSource.runMigrations({ transaction: 'all' })).map((m) => m.name)).toEqual([
        expect.stringMatching(/^InvoiceCustomerName\d+$/),
      ]);
      const nameOf = async (id: string) =>
        (
          await dataSource
            .createQueryBuilder()
            .select('i.customer_name', 'name')
            .from('invoices', 'i')
            .where('i.id = :id', { id })
            .getRawOne()
        ).name;
      expect(await nameOf(finalizedId)).toBe('Printed Name Ltd');
      expect(await nameOf(draftId)).toBeNull();
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    }
  });

  it('the app loads exactly the entities the migrations are generated from', async () => {
    const t = await startTestApp();
    try {
      const loaded = t.app
        .get(DataSource)
        .entityMetadatas.map((m) => m.target)
        .sort((a, b) => String(a).localeCompare(String(b)));
      expect(loaded).toEqual([...ALL_ENTITIES].sort((a, b) => String(a).localeCompare(String(b))));
    } finally {
      await t.close();
    }
  });
});
