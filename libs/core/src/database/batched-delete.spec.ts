import type { EntityManager } from 'typeorm';
import { deleteInBatches } from './batched-delete';
import type { TransactionRunner } from './transaction-runner';

describe('deleteInBatches', () => {
  const transactions = { run: <T>(work: (m: EntityManager) => Promise<T>) => work({} as EntityManager) } as TransactionRunner;

  it('deletes batch after batch, each in its own transaction, until one comes back short, and returns the total', async () => {
    let left = 7;
    const batches: number[] = [];
    const total = await deleteInBatches(transactions, 3, async (_manager, batch) => {
      const deleted = Math.min(batch, left);
      left -= deleted;
      batches.push(deleted);
      return deleted;
    });
    expect([total, batches]).toEqual([7, [3, 3, 1]]);
  });

  it('stops after an empty batch when the rows divide evenly', async () => {
    let left = 6;
    const batches: number[] = [];
    await deleteInBatches(transactions, 3, async (_manager, batch) => {
      const deleted = Math.min(batch, left);
      left -= deleted;
      batches.push(deleted);
      return deleted;
    });
    expect(batches).toEqual([3, 3, 0]);
  });
});
