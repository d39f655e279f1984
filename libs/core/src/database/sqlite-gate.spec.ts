import { DataSource, EntitySchema } from 'typeorm';
import { requestContext } from '../logging/request-context';
import { TransactionRunner } from './transaction-runner';

interface Note {
  id: number;
  body: string;
}

const Notes = new EntitySchema<Note>({
  name: 'note',
  columns: { id: { type: Number, primary: true, generated: true }, body: { type: String, nullable: false } },
});

/** Resolves with `promise`, or rejects once `ms` passed (a gate left shut would hang the test instead). */
function within<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Another caller: its own request context, as each HTTP request or job has. */
const asOtherCaller = <T>(work: () => Promise<T>) => requestContext.run({ requestId: 'other' }, work);

describe('SqliteGate (through TransactionRunner, on a real in-memory SQLite database)', () => {
  let dataSource: DataSource;
  let transactions: TransactionRunner;

  beforeEach(async () => {
    dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [Notes], synchronize: true }).initialize();
    transactions = new TransactionRunner(dataSource);
  });
  afterEach(async () => {
    await dataSource.destroy();
  });

  const count = () => dataSource.getRepository(Notes).count();

  it("a multi-row save() made beside another caller's transaction is atomic: it opens its own transaction, after that one", async () => {
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const held = transactions.run(async (manager) => {
      await manager.insert(Notes, { id: 1, body: 'held' });
      opened();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    await open;
    // New rows, nothing to load first: TypeORM decides at once whether to open a transaction, then inserts them one
    // by one (for their generated ids); the second breaks NOT NULL, and in a transaction of its own the first goes too.
    const save = asOtherCaller(() => dataSource.getRepository(Notes).save([{ body: 'fine' }, { body: null as unknown as string }]));
    await expect(within(save)).rejects.toThrow(/NOT NULL/);
    await held;
    expect(await dataSource.getRepository(Notes).find({ order: { id: 'ASC' } })).toEqual([{ id: 1, body: 'held' }]);
  });

  it('tells only the owner that a transaction is active', async () => {
    const runner = dataSource.driver.createQueryRunner('master');
    let seenByOther: boolean | undefined;
    await transactions.run(async (manager) => {
      await manager.query('SELECT 1');
      expect(runner.isTransactionActive).toBe(true);
      seenByOther = await asOtherCaller(async () => runner.isTransactionActive);
    });
    expect(seenByOther).toBe(false);
    expect(runner.isTransactionActive).toBe(false);
  });

  it('a COMMIT failing after SQLite rolled back on its own (disk full, I/O error) does not leave every other caller waiting', async () => {
    const connection = (dataSource.driver as unknown as { databaseConnection: { prepare(sql: string): unknown; exec(sql: string): void } })
      .databaseConnection;
    const prepare = connection.prepare.bind(connection);
    // TypeORM keeps prepared statements; COMMIT must be prepared again to fail.
    (dataSource.driver.createQueryRunner('master') as unknown as { stmtCache: Map<string, unknown> }).stmtCache.clear();
    jest.spyOn(connection, 'prepare').mockImplementation((sql: string) => {
      if (sql !== 'COMMIT') return prepare(sql);
      connection.exec('ROLLBACK');
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    await expect(transactions.run((manager) => manager.insert(Notes, { id: 1, body: 'lost' }))).rejects.toThrow('disk is full');
    jest.restoreAllMocks();

    expect(await within(asOtherCaller(count))).toBe(0);
    await within(transactions.run((manager) => manager.insert(Notes, { id: 2, body: 'next' })));
    expect(await count()).toBe(1);
  });

  it('after a failed COMMIT, the rollback TypeORM then tries for that caller does not release the transaction that took over', async () => {
    const connection = (
      dataSource.driver as unknown as {
        databaseConnection: { prepare(sql: string): unknown; exec(sql: string): void; inTransaction: boolean };
      }
    ).databaseConnection;
    const prepare = connection.prepare.bind(connection);
    (dataSource.driver.createQueryRunner('master') as unknown as { stmtCache: Map<string, unknown> }).stmtCache.clear();
    let failNext = true;
    jest.spyOn(connection, 'prepare').mockImplementation((sql: string) => {
      if (sql !== 'COMMIT' || !failNext) return prepare(sql);
      failNext = false;
      connection.exec('ROLLBACK');
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    const failing = transactions.run((manager) => manager.insert(Notes, { id: 1, body: 'lost' }));
    // Queued behind it: takes the gate the moment the failed COMMIT releases it.
    const next = asOtherCaller(() =>
      transactions.run(async (manager) => {
        await manager.insert(Notes, { id: 2, body: 'kept' });
        // Long enough for a stray release to let another caller's statement in.
        await new Promise((resolve) => setTimeout(resolve, 20));
        await manager.insert(Notes, { id: 3, body: 'kept' });
      }),
    );
    const outsider = new Promise((resolve) => setTimeout(resolve, 5)).then(() => asOtherCaller(count));
    await expect(failing).rejects.toThrow('disk is full');
    await within(next);
    // Before `next` or after it, never inside it: a gate released under `next` would have shown its first row alone.
    expect([0, 2]).toContain(await within(outsider));
    jest.restoreAllMocks();
    expect(connection.inTransaction).toBe(false);
    expect((await dataSource.getRepository(Notes).find({ order: { id: 'ASC' } })).map((n) => n.id)).toEqual([2, 3]);
  });

  it('refuses TransactionRunner.run inside a transaction instead of waiting for itself forever', async () => {
    await expect(
      within(
        transactions.run(async (manager) => {
          await manager.query('SELECT 1');
          await transactions.run(async () => undefined);
        }),
      ),
    ).rejects.toThrow('inside a transaction');
    expect(await within(count())).toBe(0);
  });

  it('a transaction waiting to begin holds back new statements from others, and begins once those admitted answered', async () => {
    const order: string[] = [];
    const reads = Array.from({ length: 3 }, (_, i) => asOtherCaller(async () => (await count(), order.push(`read ${i}`))));
    const write = transactions.run(async (manager) => {
      order.push('begun');
      await manager.insert(Notes, { id: 1, body: 'written' });
    });
    const late = asOtherCaller(async () => order.push(`late read saw ${await count()}`));
    await within(Promise.all([...reads, write, late]));
    expect(order).toEqual(['read 0', 'read 1', 'read 2', 'begun', 'late read saw 1']);
  });
});
