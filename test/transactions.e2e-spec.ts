import { TransactionRunner } from '@nexus/core';
import { IpRuleEntity } from '@nexus/ip-tracking';
import { DataSource, Repository } from 'typeorm';
import { HttpResponse } from './support/http';
import { operatorToken, sleep } from './support/ip-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

/**
 * One caller's transaction never swallows or exposes another caller's work.
 * MySQL and PostgreSQL get this from a connection per transaction; the
 * embedded SQLite database has one connection for everybody, so there it is
 * the gate on that connection (libs/core/src/database/sqlite-gate.ts) that
 * keeps other callers' statements out of an open transaction.
 */
describe(`concurrent transactions (${testTarget()})`, () => {
  let t: TestApp;
  let operator: string;
  let rules: Repository<IpRuleEntity>;

  beforeAll(async () => {
    t = await startTestApp();
    operator = await operatorToken(t);
    rules = t.app.get(DataSource).getRepository(IpRuleEntity);
  });
  afterAll(async () => {
    await t?.close();
  });

  const rule = (target: string, reason: string) =>
    Object.assign(new IpRuleEntity(), {
      kind: 'block',
      targetType: 'ip',
      target,
      reason,
      source: 'manual',
      createdBy: null,
      expiresAt: null,
    });

  /**
   * A transaction that writes `target`, then, while it is open, has the test
   * (another caller) start `meanwhile`, and rolls back once that is answered
   * or 400 ms passed (MySQL and PostgreSQL answer at once; SQLite holds
   * other callers until the transaction is over).
   */
  async function rolledBackAround<T>(target: string, meanwhile: () => Promise<T>): Promise<T> {
    let opened!: () => void;
    let answered!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const answer = new Promise<void>((resolve) => (answered = resolve));
    const transaction = t.app.get(TransactionRunner).run(async (manager) => {
      await manager.insert(IpRuleEntity, rule(target, 'rolled back'));
      opened();
      await Promise.race([answer, sleep(400)]);
      throw new Error('rolled back on purpose');
    });
    await open;
    const started = meanwhile();
    void started.finally(answered).catch(() => undefined);
    await expect(transaction).rejects.toThrow('rolled back on purpose');
    return started;
  }

  const create = (target: string) =>
    t.http.post('/api/v1/security/ip-rules', { kind: 'block', target, reason: 'beside a rollback' }, { token: operator });
  const listed = (res: HttpResponse): string[] => res.body.data.map((rule: { target: string }) => rule.target);

  it("a write accepted through the API while another caller's transaction is open survives that transaction's rollback", async () => {
    const res = await rolledBackAround('192.0.2.201', () => create('192.0.2.202'));
    expect(res.status).toBe(201);
    expect(await rules.findOneBy({ target: '192.0.2.202' })).toMatchObject({ id: res.body.id, reason: 'beside a rollback' });
    expect(await rules.findOneBy({ target: '192.0.2.201' })).toBeNull();
  });

  it("a read made while another caller's transaction is open does not see that transaction's uncommitted write", async () => {
    const res = await rolledBackAround('192.0.2.203', () =>
      t.http.get('/api/v1/security/ip-rules?target=192.0.2.203', { token: operator }),
    );
    expect(res.status).toBe(200);
    expect(listed(res)).toEqual([]);
  });

  it("a save() outside any request or transaction runner is not rolled back with another caller's transaction", async () => {
    const saved = await rolledBackAround('192.0.2.204', () => rules.save(rule('192.0.2.205', 'background save')));
    expect(await rules.findOneBy({ id: saved.id })).toMatchObject({ target: '192.0.2.205' });
  });

  it('concurrent transactions from one caller each commit their own writes, and a failing one takes only its own', async () => {
    const runner = t.app.get(TransactionRunner);
    const targets = Array.from({ length: 12 }, (_, i) => `192.0.2.${210 + i}`);
    const outcomes = await Promise.allSettled(
      targets.map((target, i) =>
        runner.run(async (manager) => {
          await manager.insert(IpRuleEntity, rule(target, 'concurrent'));
          await sleep(i % 3);
          if (i % 4 === 3) throw new Error(`refused ${target}`);
          return target;
        }),
      ),
    );
    const committed = targets.filter((_, i) => i % 4 !== 3);
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<string>).value)).toEqual(committed);
    const stored = await rules.find({ where: targets.map((target) => ({ target })) });
    expect(stored.map((rule) => rule.target).sort()).toEqual([...committed].sort());
  });
});
