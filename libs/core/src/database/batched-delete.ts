import { EntityManager, EntityTarget, FindOptionsSelect, FindOptionsWhere } from 'typeorm';
import { TransactionRunner } from './transaction-runner';

/**
 * Deletes up to `batch` rows of `entity` matching `where` (the rows need an
 * `id`); returns how many. Read first, then deleted by id: a bounded DELETE
 * that MySQL, PostgreSQL and SQLite all accept, holding its locks briefly.
 */
export async function deleteBatch<E extends { id: string }>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  where: FindOptionsWhere<E>,
  batch: number,
): Promise<number> {
  const rows = await manager.find(entity, { select: { id: true } as FindOptionsSelect<E>, where, take: batch });
  if (rows.length === 0) return 0;
  await manager.delete(
    entity,
    rows.map((row) => row.id),
  );
  return rows.length;
}

/** Runs `deleteOne` (one batch, in its own transaction) until a batch comes back short; returns the total deleted. */
export async function deleteInBatches(
  transactions: TransactionRunner,
  batch: number,
  deleteOne: (manager: EntityManager, batch: number) => Promise<number>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await transactions.run((manager) => deleteOne(manager, batch));
    total += deleted;
    if (deleted < batch) return total;
  }
}
