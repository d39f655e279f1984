import { QueryFailedError } from 'typeorm';

/**
 * What the database said when a query failed, as each driver reports it:
 * mysql2's `code` (ER_DUP_ENTRY) and `sqlState`, pg's SQLSTATE in `code`,
 * better-sqlite3's extended result code (SQLITE_CONSTRAINT_UNIQUE). Null when
 * the error is not a failed query.
 */
function driverError(error: unknown): { code: string; sqlState: string } | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driver = error.driverError as { code?: unknown; sqlState?: unknown } | undefined;
  const code = String(driver?.code ?? '');
  return { code, sqlState: String(driver?.sqlState ?? (/^[0-9A-Z]{5}$/.test(code) ? code : '')) };
}

/** True when a write failed on a unique constraint, on any of the three databases. */
export function isUniqueViolation(error: unknown): boolean {
  const code = driverError(error)?.code;
  return code === 'ER_DUP_ENTRY' || code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when a write failed on a foreign key, on any of the three databases. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = driverError(error)?.code;
  return (
    code === 'ER_NO_REFERENCED_ROW_2' || code === 'ER_ROW_IS_REFERENCED_2' || code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
  );
}

/** A transaction that lost a deadlock (MySQL/MariaDB, PostgreSQL) or a serialization conflict (PostgreSQL): worth running again. */
export function isDeadlock(error: unknown): boolean {
  const code = driverError(error)?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === '40P01' || code === '40001';
}

/**
 * True when the database refused a write for what was in it (a value it
 * cannot store: bad encoding, too long, out of range, a constraint), not
 * because it could not be reached: the same rows would fail again. SQLSTATE
 * classes 22 (data exception) and 23 (integrity constraint) on PostgreSQL and
 * MySQL/MariaDB; SQLite's constraint, mismatch and size errors.
 */
export function isRejectedData(error: unknown): boolean {
  const failed = driverError(error);
  if (!failed) return false;
  if (/^2[23]/.test(failed.sqlState)) return true;
  return failed.code.startsWith('SQLITE_CONSTRAINT') || failed.code === 'SQLITE_MISMATCH' || failed.code === 'SQLITE_TOOBIG';
}
