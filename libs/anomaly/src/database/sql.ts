import { DataSource } from 'typeorm';

export type SqlDialect = 'sqlite' | 'mysql' | 'postgres';

/** A statement with its positional parameters, ready for `DataSource.query` (or EXPLAIN). */
export interface BoundSql {
  sql: string;
  parameters: unknown[];
}

export function dialectOf(dataSource: DataSource): SqlDialect {
  const type = dataSource.options.type;
  if (type === 'better-sqlite3') return 'sqlite';
  if (type === 'mysql' || type === 'mariadb') return 'mysql';
  if (type === 'postgres') return 'postgres';
  throw new Error(`Unsupported database type ${type}`);
}

/** Turns `:name` (and `:...list`) placeholders into the driver's own, as TypeORM's query builder does. */
export function bind(dataSource: DataSource, sql: string, parameters: Record<string, unknown>): BoundSql {
  const [text, values] = dataSource.driver.escapeQueryWithParameters(sql, parameters);
  return { sql: text, parameters: values };
}

/** A number written into SQL text: only for values computed here (config factors, hour numbers), never for input. */
export function literal(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  return String(value);
}

/** A LIKE pattern (with `ESCAPE '!'`) for text containing `word`. */
export function containing(word: string): string {
  return `%${word.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** COUNT and SUM come back as strings from mysql2 and pg. */
export function toNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
