import { requestContext } from '../logging/request-context';

/** The parts of TypeORM's (single, shared) better-sqlite3 query runner the gate wraps. */
export interface GatedQueryRunner {
  isTransactionActive: boolean;
  transactionDepth: number;
  query(...args: unknown[]): Promise<unknown>;
  startTransaction(...args: unknown[]): Promise<void>;
  commitTransaction(): Promise<void>;
  rollbackTransaction(): Promise<void>;
}

/** What the gate asks of the better-sqlite3 connection itself: whether SQLite has a transaction open. */
export interface SqliteTransactionState {
  readonly inTransaction: boolean;
}

/** Work with no context of its own: start-up, CLI commands, timers not wrapped in one. */
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
 * The gate wraps that runner. A transaction belongs to whoever opened it: a
 * `TransactionRunner.run` (each its own), else the request or job being
 * served, else background work. While it is open, statements from anyone
 * else wait until it commits or rolls back, and the runner tells only its
 * owner that a transaction is active (so another caller's `save()` waits to
 * open its own instead of running without one). A transaction waiting to
 * begin holds back new statements from others and begins once those already
 * admitted have answered. SQLite has one writer anyway, and each statement
 * runs synchronously, so a wait lasts the few event-loop turns the open
 * transaction still needs.
 *
 * Rule for callers: work inside a transaction must not wait for other callers'
 * database work (it would wait for itself to finish).
 */
export class SqliteGate {
  private holder: object | null = null;
  private active = false;
  /** Statements of others admitted between transactions and not yet answered. */
  private admitted = 0;
  /** Transactions waiting to begin. */
  private starting = 0;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly runner: GatedQueryRunner,
    private readonly connection: SqliteTransactionState,
  ) {
    const query = runner.query.bind(runner);
    const start = runner.startTransaction.bind(runner);
    const commit = runner.commitTransaction.bind(runner);
    const rollback = runner.rollbackTransaction.bind(runner);

    this.active = runner.isTransactionActive;
    Object.defineProperty(runner, 'isTransactionActive', {
      configurable: true,
      enumerable: true,
      get: () => this.active && this.holder === this.owner(),
      set: (value: boolean) => (this.active = value),
    });

    runner.query = (...args) => {
      if (this.holding()) return query(...args);
      if (this.holder === null && this.starting === 0) {
        this.admitted += 1;
        return query(...args).finally(() => {
          this.admitted -= 1;
          if (this.admitted === 0) this.wake();
        });
      }
      return this.next().then(() => runner.query(...args));
    };

    runner.startTransaction = async (...args) => {
      const owner = this.owner();
      if (this.holder !== owner) {
        this.starting += 1;
        try {
          while (this.holder !== null || this.admitted > 0) await this.next();
        } finally {
          this.starting -= 1;
        }
        this.holder = owner;
      }
      try {
        await start(...args);
      } catch (error) {
        // BEGIN failed: TypeORM marked the transaction active before trying and never took it back.
        if (runner.transactionDepth === 0) this.active = false;
        this.settle();
        throw error;
      }
    };
    // Only the holder's commit or rollback settles the gate: after a failed COMMIT has released it and the next
    // transaction has taken it, TypeORM still calls ROLLBACK for the first caller, and that must not release the next.
    const settledBy = (end: () => Promise<void>) => () => {
      const holds = this.holding();
      return end().finally(() => holds && this.settle());
    };
    runner.commitTransaction = settledBy(commit);
    runner.rollbackTransaction = settledBy(rollback);
  }

  /**
   * Runs `work` as an owner of its own: the transaction it opens admits only
   * its statements. The owner is a new request context carrying the current
   * request id, so log lines keep it and no second AsyncLocalStorage (each
   * one costs every promise of every request) is needed.
   */
  runAsOwner<T>(work: () => Promise<T>): Promise<T> {
    if (this.holding()) {
      // It would wait for the transaction it is called from, forever.
      return Promise.reject(new Error('TransactionRunner.run was called inside a transaction: use the manager it gave you'));
    }
    return requestContext.run({ requestId: requestContext.getStore()?.requestId }, work);
  }

  /**
   * Runs the synchronous `work` once no transaction is open: it runs between
   * transactions. Called from inside one, it runs after that one (awaiting it
   * there would wait forever).
   */
  async whenIdle<T>(work: () => T): Promise<T> {
    while (this.holder !== null) await this.next();
    return work();
  }

  private owner(): object {
    return requestContext.getStore() ?? BACKGROUND;
  }

  /** Whether the caller owns the open transaction. */
  private holding(): boolean {
    return this.holder !== null && this.holder === this.owner();
  }

  private next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }

  /**
   * After a commit, a rollback or a failed BEGIN: once the outermost
   * transaction is over, everyone waiting tries again, in order. SQLite's own
   * state decides when TypeORM's says otherwise: after a failed COMMIT or
   * ROLLBACK where SQLite had already rolled back by itself (disk full, I/O
   * error), TypeORM still thinks the transaction open and would hold every
   * other caller back for good.
   */
  private settle(): void {
    if (this.active && this.connection.inTransaction) return;
    if (this.active) {
      this.active = false;
      this.runner.transactionDepth = 0;
    }
    this.holder = null;
    this.wake();
  }
}
