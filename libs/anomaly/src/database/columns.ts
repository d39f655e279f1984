import { Column, ColumnOptions, ValueTransformer } from 'typeorm';

/**
 * Column types of the anomaly tables beyond libs/core's portable set, each
 * meaning the same on SQLite, MySQL/MariaDB and PostgreSQL.
 */
type Common = Pick<ColumnOptions, 'name' | 'nullable' | 'comment'>;

/** JSON kept in a text column: read and written whole, never queried into, so no dialect's JSON type is needed. */
const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined || value === null ? value : JSON.stringify(value)),
  from: (value: string | null) => (value === null || value === undefined ? value : JSON.parse(value)),
};

export const JsonTextColumn = (options: Common = {}) => Column({ type: 'text', transformer: jsonText, ...options });

/** An IEEE double (DOUBLE on MySQL, double precision on PostgreSQL, REAL on SQLite). */
export const DoubleColumn = (options: Common = {}) => Column({ type: 'double precision', ...options });

export const IntColumn = (options: Common = {}) =>
  Column({ type: 'int', ...options, ...(options.nullable ? { nullable: true, default: null } : {}) });
