import { DataSource, QueryRunner } from 'typeorm';
import { BaselineSql } from '../baseline/baseline-sql';
import { bind, BoundSql, dialectOf, toNumber } from '../database/sql';
import type { AnomalyRule } from '../rules/anomaly-rule';
import type { IpWindowCounts } from '../rules/rule-evaluator';

/** MySQL/MariaDB's named locks are server-wide: the name carries the database's. */
const FOLD_LOCK_MYSQL = `CONCAT('nexus:ip_baselines:fold:', DATABASE())`;
const FOLD_LOCK_WAIT_SECONDS = 600;

/** A baseline fold under way: `commit` makes it count, `abandon` (after a failure) undoes it. */
export interface PendingFold {
  commit(): Promise<void>;
  abandon(): Promise<void>;
}

/** Which IPs of the window some rule may flag. */
export interface FlagQuery {
  rules: ReadonlySet<AnomalyRule>;
  volumeLimit: number;
  probingThreshold: number;
  authFailureThreshold: number;
  /** Present when the pass consults baselines (clock hours only). */
  baseline: { sql: BaselineSql; k: number; floor: number; minHours: number } | null;
}

/** One IP's counts in the window, before the follow-up read of its paths. */
export interface IpAggregate extends Omit<IpWindowCounts, 'probedPaths'> {
  /** Requests refused with 403/404: at least the distinct refused paths, counted exactly afterwards. */
  refusedRequests: number;
  /** Requests whose raw path may be sensitive (exact matching follows in Node). */
  sensitiveCandidates: number;
}

/**
 * One IP per row with its counts over the analysed window, in a temporary
 * table on the run's own connection: the window is grouped once, then both
 * the rules and the baseline update read these rows instead of the log.
 * Close it when the run ends.
 */
export class WindowCounts {
  constructor(
    private readonly runner: QueryRunner,
    private readonly dataSource: DataSource,
    readonly table: string,
  ) {}

  /**
   * The IPs some rule may flag, with the baseline of each (joined on the
   * ip_baselines primary key). Probing keeps an IP with at least the
   * threshold of refused requests, as it cannot have more distinct refused
   * paths than that.
   */
  flaggedSql(query: FlagQuery): BoundSql {
    const { rules, baseline } = query;
    const keep: string[] = [];
    if (rules.has('volume')) keep.push('w.requests > :volumeLimit');
    if (rules.has('auth_failure')) keep.push('w.auth_failures >= :authFailureThreshold');
    if (rules.has('probing')) keep.push('w.refused_requests >= :probingThreshold');
    if (rules.has('sensitive_path')) keep.push('w.sensitive_candidates > 0');
    const hit = baseline
      ? `b.ip IS NOT NULL AND b.last_hour < ${baseline.sql.hour} AND ${baseline.sql.hours} >= :minHours` +
        ` AND w.requests > :floor AND w.requests > ${baseline.sql.limit(baseline.k)}`
      : null;
    if (hit) keep.push(`(${hit})`);
    const baselineColumns = baseline
      ? `, CASE WHEN ${hit} THEN 1 ELSE 0 END AS baseline_hit, b.ip AS baseline_ip, ${baseline.sql.mean} AS baseline_mean,
             ${baseline.sql.deviation} AS baseline_deviation, ${baseline.sql.hours} AS baseline_hours,
             ${baseline.sql.limit(baseline.k)} AS baseline_limit`
      : '';
    const sql = `
      SELECT w.ip AS ip, w.requests AS requests, w.auth_failures AS auth_failures, w.refused_requests AS refused_requests,
             w.sensitive_candidates AS sensitive_candidates${baselineColumns}
      FROM ${this.table} w${baseline ? '\n      LEFT JOIN ip_baselines b ON b.ip = w.ip' : ''}
      WHERE ${keep.length > 0 ? keep.join(' OR ') : '1 = 0'}`;
    return bind(this.dataSource, sql, {
      volumeLimit: query.volumeLimit,
      authFailureThreshold: query.authFailureThreshold,
      probingThreshold: query.probingThreshold,
      ...(baseline ? { minHours: baseline.minHours, floor: baseline.floor } : {}),
    });
  }

  async flagged(query: FlagQuery): Promise<IpAggregate[]> {
    const { sql, parameters } = this.flaggedSql(query);
    const rows = (await this.runner.query(sql, parameters)) as Record<string, unknown>[];
    return rows.map((row) => ({
      ip: String(row.ip),
      requests: toNumber(row.requests),
      authFailures: toNumber(row.auth_failures),
      refusedRequests: toNumber(row.refused_requests),
      sensitiveCandidates: toNumber(row.sensitive_candidates),
      baseline:
        row.baseline_ip === undefined || row.baseline_ip === null
          ? null
          : {
              hit: toNumber(row.baseline_hit) === 1,
              mean: toNumber(row.baseline_mean),
              deviation: toNumber(row.baseline_deviation),
              hours: toNumber(row.baseline_hours),
              limit: toNumber(row.baseline_limit),
            },
    }));
  }

  /**
   * Starts folding the hour's count of every IP seen in it into its baseline
   * (see BaselineSql.upsertFrom), in a transaction on the run's connection,
   * so that the upsert runs while the rest of the run reads the flagged IPs'
   * paths and records findings on other connections; `commit` waits for it
   * and makes it visible. Until then, a retry of a run that failed still
   * judges the hour against the baselines it had. SQLite has one connection,
   * which every write would join: there the fold runs at `commit`.
   */
  async beginFold(baseline: BaselineSql, now = new Date()): Promise<PendingFold> {
    const { sql, parameters } = bind(this.dataSource, baseline.upsertFrom(this.table, dialectOf(this.dataSource)), { now });
    if (dialectOf(this.dataSource) === 'sqlite') {
      return { commit: async () => void (await this.runner.query(sql, parameters)), abandon: async () => undefined };
    }
    const mysql = dialectOf(this.dataSource) === 'mysql';
    await this.runner.startTransaction();
    // One fold at a time per database, each computed from the baselines the previous one committed: two runs
    // (of different hours, say a catch-up beside the hourly run) must not both start from the same values.
    // PostgreSQL's transaction-level advisory lock goes with the transaction; MySQL's named lock with the
    // session, so it is released after the transaction ends (and again, harmlessly, by close()).
    const upsert: Promise<unknown> = (async () => {
      if (mysql) {
        const [row] = (await this.runner.query(`SELECT GET_LOCK(${FOLD_LOCK_MYSQL}, ${FOLD_LOCK_WAIT_SECONDS}) AS granted`)) as {
          granted: unknown;
        }[];
        if (toNumber(row?.granted) !== 1) throw new Error(`Another baseline fold held its lock for over ${FOLD_LOCK_WAIT_SECONDS} s`);
      } else {
        await this.runner.query(`SELECT pg_advisory_xact_lock(hashtext('nexus:ip_baselines:fold'))`);
      }
      await this.runner.query(sql, parameters);
    })();
    // Observed by commit or abandon; not an unhandled rejection meanwhile.
    upsert.catch(() => undefined);
    const unlock = async () => {
      if (mysql) await this.runner.query(`DO RELEASE_LOCK(${FOLD_LOCK_MYSQL})`);
    };
    return {
      commit: async () => {
        await upsert;
        await this.runner.commitTransaction();
        await unlock();
      },
      abandon: async () => {
        if (!this.runner.isTransactionActive) return;
        await upsert.catch(() => undefined);
        await this.runner.rollbackTransaction();
        await unlock();
      },
    };
  }

  async close(): Promise<void> {
    try {
      await this.runner.query(dropTemporary(this.dataSource, this.table));
      // A connection goes back to the pool without the fold's named lock, whatever happened.
      if (dialectOf(this.dataSource) === 'mysql') await this.runner.query(`DO RELEASE_LOCK(${FOLD_LOCK_MYSQL})`);
    } finally {
      await this.runner.release();
    }
  }
}

export function dropTemporary(dataSource: DataSource, table: string): string {
  switch (dialectOf(dataSource)) {
    case 'mysql':
      return `DROP TEMPORARY TABLE IF EXISTS ${table}`;
    case 'postgres':
      return `DROP TABLE IF EXISTS pg_temp.${table}`;
    case 'sqlite':
      return `DROP TABLE IF EXISTS temp.${table}`;
  }
}
