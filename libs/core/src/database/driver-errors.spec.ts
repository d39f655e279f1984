import { QueryFailedError } from 'typeorm';
import { isDeadlock, isForeignKeyViolation, isRejectedData, isUniqueViolation } from './driver-errors';

/** A failed query as TypeORM wraps it, with the error object each driver produces. */
const failed = (driverError: Record<string, unknown>) =>
  new QueryFailedError('INSERT …', [], Object.assign(new Error('driver said no'), driverError));

const mysql = (code: string, sqlState: string) => failed({ code, sqlState, errno: 1 });
const postgres = (code: string) => failed({ code, severity: 'ERROR' });
const sqlite = (code: string) => failed({ code });

describe('driver errors, as mysql2, pg and better-sqlite3 report them', () => {
  it.each([
    ['mysql2', mysql('ER_DUP_ENTRY', '23000')],
    ['pg', postgres('23505')],
    ['better-sqlite3 (unique)', sqlite('SQLITE_CONSTRAINT_UNIQUE')],
    ['better-sqlite3 (primary key)', sqlite('SQLITE_CONSTRAINT_PRIMARYKEY')],
  ])('a unique violation from %s is one, and is refused data, not a foreign key or a deadlock', (_driver, error) => {
    expect(isUniqueViolation(error)).toBe(true);
    expect(isRejectedData(error)).toBe(true);
    expect(isForeignKeyViolation(error)).toBe(false);
    expect(isDeadlock(error)).toBe(false);
  });

  it.each([
    ['mysql2 (no parent)', mysql('ER_NO_REFERENCED_ROW_2', '23000')],
    ['mysql2 (has children)', mysql('ER_ROW_IS_REFERENCED_2', '23000')],
    ['pg', postgres('23503')],
    ['better-sqlite3', sqlite('SQLITE_CONSTRAINT_FOREIGNKEY')],
  ])('a foreign key violation from %s', (_driver, error) => {
    expect(isForeignKeyViolation(error)).toBe(true);
    expect(isUniqueViolation(error)).toBe(false);
  });

  it.each([
    ['mysql2', mysql('ER_LOCK_DEADLOCK', '40001')],
    ['pg (deadlock)', postgres('40P01')],
    ['pg (serialization)', postgres('40001')],
  ])('a lost deadlock from %s is worth retrying, and is not refused data', (_driver, error) => {
    expect(isDeadlock(error)).toBe(true);
    expect(isRejectedData(error)).toBe(false);
  });

  it.each([
    ['mysql2, value too long', mysql('ER_DATA_TOO_LONG', '22001')],
    ['mysql2, NOT NULL', mysql('ER_BAD_NULL_ERROR', '23000')],
    ['pg, bad encoding', postgres('22021')],
    ['pg, NOT NULL', postgres('23502')],
    ['better-sqlite3, NOT NULL', sqlite('SQLITE_CONSTRAINT_NOTNULL')],
    ['better-sqlite3, type mismatch', sqlite('SQLITE_MISMATCH')],
    ['better-sqlite3, too big', sqlite('SQLITE_TOOBIG')],
  ])('%s is refused data: the same rows would fail again', (_driver, error) => {
    expect(isRejectedData(error)).toBe(true);
  });

  it.each([
    ['mysql2, connection refused', failed({ code: 'ECONNREFUSED' })],
    ['mysql2, server gone', mysql('PROTOCOL_CONNECTION_LOST', '')],
    ['pg, server shutting down', postgres('57P01')],
    ['better-sqlite3, missing table', sqlite('SQLITE_ERROR')],
    ['better-sqlite3, busy', sqlite('SQLITE_BUSY')],
  ])('%s is an outage, not refused data', (_driver, error) => {
    expect(isRejectedData(error)).toBe(false);
    expect(isUniqueViolation(error)).toBe(false);
  });

  it('an error that is not a failed query is none of these', () => {
    const plain = Object.assign(new Error('x'), { code: 'ER_DUP_ENTRY' });
    for (const check of [isUniqueViolation, isForeignKeyViolation, isDeadlock, isRejectedData]) expect(check(plain)).toBe(false);
  });
});
