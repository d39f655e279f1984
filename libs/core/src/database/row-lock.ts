import { SelectQueryBuilder } from 'typeorm';

/** `SELECT … FOR UPDATE` on MySQL and PostgreSQL; SQLite has one writer at a time (see TransactionRunner). */
export function forUpdate<T extends object>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return query.connection.options.type === 'better-sqlite3' ? query : query.setLock('pessimistic_write');
}
