import { QueryFailedError } from 'typeorm';

/**
 * True when the database refused a write for what was in it (a value it
 * cannot store: bad encoding, too long, out of range, a constraint), not
 * because it could not be reached: the same rows would fail again. SQLSTATE
 * classes 22 (data exception) and 23 (integrity constraint) on PostgreSQL and
 * MySQL/MariaDB; SQLite's constraint, mismatch and size errors.
 */
export function isRejectedData(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: unknown; sqlState?: unknown } | undefined;
  const code = String(driver?.code ?? '');
  const state = String(driver?.sqlState ?? (/^[0-9A-Z]{5}$/.test(code) ? code : ''));
  if (/^2[23]/.test(state)) return true;
  return code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG';
}
