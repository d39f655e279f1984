import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isDeadlock } from './driver-errors';

const MAX_ATTEMPTS = 3;

/** What code writing past TypeORM uses of better-sqlite3's `Database` (the embedded default's connection). */
export interface SqliteConnection {
  readonly inTransaction: boolean;
  prepare(sql: string): { run(...parameters: unknown[]): unknown };
  pragma(source: string, options?: { simple: boolean }): unknown;
}

/**
 * Runs writes in transactions, for every module (one instance per process).
 * On SQLite, TypeORM shares one
 * connection between all callers, so two concurrent transactions would nest
 * as savepoints of each other: they are queued here instead, which is what
 * SQLite's single writer does anyway. On MySQL and PostgreSQL, a transaction
 * that loses a deadlock is retried from the start.
 */
@Injectable()
export class TransactionRunner {
  private readonly logger = new Logger(TransactionRunner.name);
  private readonly serialized: boolean;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {
    this.serialized = dataSource.options.type === 'better-sqlite3';
  }

  /** `work` must use only the manager it is given (never call `run` again from inside it). */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialized) return this.withRetry(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * SQLite only: runs the synchronous `work` on the shared connection once no
   * transaction is open on it (after those queued here, and after any
   * TypeORM opened on its own, as `save()` does), so the work neither joins
   * another caller's transaction nor has another caller's statements join
   * its own: being synchronous, nothing else runs on the connection meanwhile.
   */
  async whenSqliteIdle<T>(work: (connection: SqliteConnection) => T): Promise<T> {
    if (!this.serialized) throw new Error('whenSqliteIdle is for the SQLite connection only');
    const connection = (this.dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
    await this.tail;
    // Such a transaction only lasts a few turns of the event loop: SQLite answers synchronously.
    for (let turns = 0; connection.inTransaction; turns++) {
      await new Promise((resolve) => (turns < 100 ? setImmediate(resolve) : setTimeout(resolve, 1)));
    }
    return work(connection);
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
