import { requestContext } from '../logging/request-context';

/** The parts of TypeORM's (single, shared) better-sqlite3 query runner the gate wraps. */
export interface GatedQueryRunner {
  readonly isTransactionActive: boolean;
  query(...args: unknown[]): Promise<unknown>;
  startTransaction(...args: unknown[]): Promise<void>;
  commitTransaction(): Promise<void>;
  rollbackTransaction(): Promise<void>;
}

/** Work with no transaction of its own and outside any request: timers, the scheduler, start-up. */
const BACKGROUND = Object.freeze({ background: true });

/**
 * Keeps the embedded database's callers out of each other's transactions.
 *
 * TypeORM gives every caller of a better-sqlite3 data source the same query
 * runner on the same connection. While one caller's transaction waits at an
 * `await`, another caller's statement would run inside it: a read would see
 * writes that may yet be rolled back (and could cache them), and a write,
 * `save()` included, would become a savepoint of it and vanish with its
 * rollback after its own caller was told it succeeded.
 *
 * The gate wraps that runner. A transaction belongs to whoever opened it:
 * a `TransactionRunner.run` (each its own), else the request being served,
 * else background work. While it is open, statements from anyone else wait
 * until it commits or rolls back; its owner's own statements pass. SQLite has
 * one writer anyway, and each statement runs synchronously, so the wait is
 * the few event-loop turns the open transaction still needs.
 *
 * Rule for callers, as before: work inside a transaction must not wait for
 * other callers' database work (it would wait for itself to finish).
 */
export class SqliteGate {
  private holder: object | null = null;
  private waiters: Array<() => void> = [];

  constructor(private readonly runner: GatedQueryRunner) {
    const query = runner.query.bind(runner);
    const start = runner.startTransaction.bind(runner);
    const commit = runner.commitTransaction.bind(runner);
    const rollback = runner.rollbackTransaction.bind(runner);

    runner.query = (...args) => (this.mayRun() ? query(...args) : this.afterHolder().then(() => runner.query(...args)));
    runner.startTransaction = async (...args) => {
      while (!this.mayRun()) await this.afterHolder();
      const outermost = this.holder === null;
      if (outermost) this.holder = this.owner();
      try {
        await start(...args);
      } catch (error) {
        if (outermost) this.settled();
        throw error;
      }
    };
    runner.commitTransaction = () => commit().finally(() => this.settled());
    runner.rollbackTransaction = () => rollback().finally(() => this.settled());
  }

  /**
   * Runs `work` as an owner of its own: the transaction it opens admits only
   * its statements. The owner is a new request context carrying the current
   * request id, so log lines keep it and no second AsyncLocalStorage (each
   * one costs every promise of every request) is needed.
   */
  runAsOwner<T>(work: () => Promise<T>): Promise<T> {
    return requestContext.run({ requestId: requestContext.getStore()?.requestId }, work);
  }

  /** Runs the synchronous `work` once no transaction is open: it runs between transactions. */
  async whenIdle<T>(work: () => T): Promise<T> {
    while (this.holder !== null) await this.afterHolder();
    return work();
  }

  private owner(): object {
    return requestContext.getStore() ?? BACKGROUND;
  }

  private mayRun(): boolean {
    return this.holder === null || this.holder === this.owner();
  }

  private afterHolder(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** After a commit or rollback: once the outermost transaction is over, everyone waiting tries again, in order. */
  private settled(): void {
    if (this.runner.isTransactionActive) return;
    this.holder = null;
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }
}
