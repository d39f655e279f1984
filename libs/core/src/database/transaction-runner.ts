import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isDeadlock } from './driver-errors';
import { GatedQueryRunner, SqliteGate } from './sqlite-gate';

const MAX_ATTEMPTS = 3;

/** What code writing past TypeORM uses of better-sqlite3's `Database` (the embedded default's connection). */
export interface SqliteConnection {
  readonly inTransaction: boolean;
  prepare(sql: string): { run(...parameters: unknown[]): unknown };
  pragma(source: string, options?: { simple: boolean }): unknown;
}

/**
 * Runs writes in transactions, for every module (one instance per process).
 * On SQLite, TypeORM shares one connection between all callers, so it is
 * gated (see SqliteGate): each transaction run here admits only its own
 * statements, and the others wait for it, which is what SQLite's single
 * writer does anyway. On MySQL and PostgreSQL, a transaction that loses a
 * deadlock is retried from the start.
 */
@Injectable()
export class TransactionRunner {
  private readonly logger = new Logger(TransactionRunner.name);
  private readonly gate: SqliteGate | null;

  constructor(private readonly dataSource: DataSource) {
    this.gate =
      dataSource.options.type === 'better-sqlite3'
        ? new SqliteGate(dataSource.driver.createQueryRunner('master') as unknown as GatedQueryRunner, this.sqliteConnection())
        : null;
  }

  /** `work` must use only the manager it is given (never call `run` again from inside it). */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.gate) return this.withRetry(work);
    return this.gate.runAsOwner(() => this.dataSource.transaction(work));
  }

  /**
   * SQLite only: runs the synchronous `work` on the shared connection once no
   * transaction is open on it (those run here, and any TypeORM opened on its
   * own, as `save()` does), so the work neither joins another caller's
   * transaction nor has another caller's statements join its own: being
   * synchronous, nothing else runs on the connection meanwhile.
   */
  whenSqliteIdle<T>(work: (connection: SqliteConnection) => T): Promise<T> {
    if (!this.gate) throw new Error('whenSqliteIdle is for the SQLite connection only');
    const connection = this.sqliteConnection();
    return this.gate.whenIdle(() => work(connection));
  }

  private sqliteConnection(): SqliteConnection {
    return (this.dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  }

  private async withRetry<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isDeadlock(error)) throw error;
        this.logger.warn(`Transaction lost a deadlock (attempt ${attempt}/${MAX_ATTEMPTS}); retrying`);
      }
    }
  }
}
