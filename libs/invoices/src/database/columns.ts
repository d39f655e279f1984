import { Column, ColumnOptions, SelectQueryBuilder, ValueTransformer } from 'typeorm';

/**
 * Column types of the invoices tables beyond libs/core's portable set. Each
 * means the same on SQLite, MySQL/MariaDB and PostgreSQL.
 */
type Common = Pick<ColumnOptions, 'name' | 'nullable' | 'comment'>;

function nullability(options: Common): ColumnOptions {
  return options.nullable ? { nullable: true, default: null } : {};
}

/** mysql2 and pg return BIGINT as a string; every value here is within ±(2^53 − 1), so a number is exact. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** An amount in the currency's minor unit (or another exact integer that may pass 2^31). */
export const BigIntColumn = (options: Common & Pick<ColumnOptions, 'default'> = {}) =>
  Column({ type: 'bigint', transformer: bigintAsNumber, ...options, ...nullability(options) });

export const IntColumn = (options: Common & Pick<ColumnOptions, 'default'> = {}) =>
  Column({ type: 'int', ...options, ...nullability(options) });

export const BooleanColumn = (options: Common & Pick<ColumnOptions, 'default'> = {}) => Column({ type: 'boolean', ...options });

/** A JSON document kept as text (snapshots that are read whole, never queried into). */
export const JsonColumn = (options: Common = {}) => Column({ type: 'simple-json', ...options, ...nullability(options) });

/** Free text beyond a varchar's reach. */
export const TextColumn = (options: Common = {}) => Column({ type: 'text', ...options, ...nullability(options) });

/** A calendar date, "YYYY-MM-DD": a day in the organization's calendar, not an instant, so no time zone can shift it. */
export const CalendarDateColumn = (options: Common = {}) => Column({ type: 'varchar', length: 10, ...options, ...nullability(options) });

/** An instant with millisecond precision, stored in UTC. */
export const InstantColumn = (options: Common = {}) => Column({ type: Date, precision: 3, ...options, ...nullability(options) });

/** `SELECT … FOR UPDATE` on MySQL and PostgreSQL; SQLite has one writer at a time (see TransactionRunner). */
export function forUpdate<T extends object>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return query.connection.options.type === 'better-sqlite3' ? query : query.setLock('pessimistic_write');
}
