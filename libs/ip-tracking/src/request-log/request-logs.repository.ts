import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { TransactionRunner } from '@nexus/core';
import { LessThan, QueryFailedError, Repository, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { RequestLogEntity } from './request-log.entity';

export type NewRequestLog = Omit<RequestLogEntity, 'id'>;

/** Prepared SQLite inserts kept (see insertSqlite); each holds its statement's compiled program. */
const MAX_PREPARED_INSERTS = 4;

export interface RequestLogFilter {
  ip?: string;
  path?: string;
  status?: number;
  country?: string;
  from?: Date;
  to?: Date;
  page: number;
  limit: number;
}

export interface CountRow {
  key: string;
  count: number;
}

@Injectable()
export class RequestLogsRepository {
  private insertColumns?: ColumnMetadata[];
  /** Prepared multi-row INSERTs by row count: the full batch's, and a few partial sizes of the timed flushes. */
  private readonly sqliteInserts = new Map<number, { sql: string; statement: { run(...parameters: unknown[]): unknown } }>();

  constructor(
    @InjectRepository(RequestLogEntity) private readonly logs: Repository<RequestLogEntity>,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * One multi-row INSERT for the whole batch. Built here rather than with the
   * query builder, whose parameter handling grows with the square of the row
   * count and measured as a large share of CPU under load; values still go
   * through the driver's own conversion (dates, booleans) for each column.
   *
   * On SQLite the statement is prepared once per batch size and run straight
   * on the connection, between transactions (TransactionRunner.whenSqliteIdle):
   * through TypeORM it could land inside another request's open transaction
   * and vanish with its rollback. It commits with `synchronous = NORMAL`, no
   * fsync: a power cut can lose the last such commits, as it loses the rows
   * still waiting in memory anyway; the connection's FULL is restored at once,
   * and the next FULL commit makes these durable too.
   */
  async insertMany(rows: NewRequestLog[]): Promise<void> {
    if (rows.length === 0) return;
    const { driver } = this.logs.manager.connection;
    const columns = (this.insertColumns ??= this.logs.metadata.columns.filter((column) => !column.isGenerated));
    const params: unknown[] = new Array(rows.length * columns.length);
    let next = 0;
    for (const row of rows) {
      // The driver's own conversion: dates to its datetime text, booleans to 1/0 on SQLite.
      for (const column of columns) params[next++] = driver.preparePersistentValue(row[column.propertyName as keyof NewRequestLog], column);
    }
    if (this.logs.manager.connection.options.type === 'better-sqlite3') return this.insertSqlite(rows.length, params);
    const placeholders = columns.map(() => '');
    const tuples = rows.map((_, row) => {
      for (let i = 0; i < columns.length; i++) {
        const index = row * columns.length + i;
        placeholders[i] = driver.createParameter(`p${index + 1}`, index);
      }
      return `(${placeholders.join(', ')})`;
    });
    await this.logs.query(`${this.insertPrefix(columns)} VALUES ${tuples.join(', ')}`, params);
  }

  private async insertSqlite(count: number, params: unknown[]): Promise<void> {
    await this.transactions.whenSqliteIdle((connection) => {
      let insert = this.sqliteInserts.get(count);
      if (insert) {
        // Least recently used goes first: the full batch's statement, used at every flush under load, stays.
        this.sqliteInserts.delete(count);
      } else {
        const tuple = `(${this.insertColumns!.map(() => '?').join(', ')})`;
        const sql = `${this.insertPrefix(this.insertColumns!)} VALUES ${Array<string>(count).fill(tuple).join(', ')}`;
        insert = { sql, statement: connection.prepare(sql) };
        if (this.sqliteInserts.size >= MAX_PREPARED_INSERTS) this.sqliteInserts.delete(this.sqliteInserts.keys().next().value!);
      }
      this.sqliteInserts.set(count, insert);
      const synchronous = connection.pragma('synchronous', { simple: true });
      connection.pragma('synchronous = NORMAL');
      try {
        insert.statement.run(params);
      } catch (error) {
        // As TypeORM reports it, so callers tell refused rows from an outage the same way on every database.
        throw new QueryFailedError(insert.sql, params, error as Error);
      } finally {
        connection.pragma(`synchronous = ${Number(synchronous)}`);
      }
    });
  }

  private insertPrefix(columns: ColumnMetadata[]): string {
    const { driver } = this.logs.manager.connection;
    const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
    return `INSERT INTO ${driver.escape(this.logs.metadata.tableName)} (${names})`;
  }

  /**
   * Newest first. Each equality filter has an index led by its column and
   * followed by occurred_at (ix_request_logs_ip_time, _status_time,
   * _country_time, _path_time); a time range alone uses ix_request_logs_time_covering.
   */
  list(filter: RequestLogFilter): Promise<[RequestLogEntity[], number]> {
    const q = this.filtered(filter);
    return q
      .orderBy('l.occurred_at', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .skip((filter.page - 1) * filter.limit)
      .take(filter.limit)
      .getManyAndCount();
  }

  /** Top values of one column within a window (ix_request_logs_time_covering; index-only for ip). */
  async top(column: 'ip' | 'path' | 'country', from: Date, to: Date, limit: number): Promise<CountRow[]> {
    const rows = await this.logs
      .createQueryBuilder('l')
      .select(`l.${column}`, 'key')
      .addSelect('COUNT(*)', 'count')
      .where('l.occurred_at >= :from AND l.occurred_at < :to', { from, to })
      .andWhere(`l.${column} IS NOT NULL`)
      .groupBy(`l.${column}`)
      .orderBy('count', 'DESC')
      .addOrderBy('key', 'ASC')
      .limit(limit)
      .getRawMany<{ key: string; count: string | number }>();
    return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
  }

  /** Requests per status class within a window (ix_request_logs_time_covering, index-only). */
  async statusClasses(from: Date, to: Date): Promise<Record<string, number>> {
    const rows = await this.logs
      .createQueryBuilder('l')
      .select('FLOOR(l.status / 100)', 'class')
      .addSelect('COUNT(*)', 'count')
      .where('l.occurred_at >= :from AND l.occurred_at < :to', { from, to })
      .groupBy('FLOOR(l.status / 100)')
      .getRawMany<{ class: string | number; count: string | number }>();
    const result: Record<string, number> = { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
    for (const row of rows) result[`${Number(row.class)}xx`] = Number(row.count);
    return result;
  }

  /** Served by ix_request_logs_time_covering (occurred_at first). */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.logs.delete({ occurredAt: LessThan(cutoff) })).affected ?? 0;
  }

  private filtered(filter: RequestLogFilter): SelectQueryBuilder<RequestLogEntity> {
    const q = this.logs.createQueryBuilder('l');
    if (filter.ip) q.andWhere('l.ip = :ip', { ip: filter.ip });
    if (filter.path) q.andWhere('l.path = :path', { path: filter.path });
    if (filter.status !== undefined) q.andWhere('l.status = :status', { status: filter.status });
    if (filter.country) q.andWhere('l.country = :country', { country: filter.country });
    if (filter.from) q.andWhere('l.occurred_at >= :from', { from: filter.from });
    if (filter.to) q.andWhere('l.occurred_at < :to', { to: filter.to });
    return q;
  }
}
