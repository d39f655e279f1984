import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository, SelectQueryBuilder } from 'typeorm';
import { RequestLogEntity } from './request-log.entity';

export type NewRequestLog = Omit<RequestLogEntity, 'id'>;

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
  constructor(@InjectRepository(RequestLogEntity) private readonly logs: Repository<RequestLogEntity>) {}

  /**
   * One multi-row INSERT for the whole batch. Built here rather than with the
   * query builder, whose parameter handling grows with the square of the row
   * count and measured as a large share of CPU under load; values still go
   * through the driver's own conversion (dates, booleans) for each column.
   */
  async insertMany(rows: NewRequestLog[]): Promise<void> {
    if (rows.length === 0) return;
    const { driver } = this.logs.manager.connection;
    const columns = this.logs.metadata.columns.filter((column) => !column.isGenerated);
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const placeholders = columns.map((column) => {
        params.push(driver.preparePersistentValue(row[column.propertyName as keyof NewRequestLog], column));
        return driver.createParameter(`p${params.length}`, params.length - 1);
      });
      return `(${placeholders.join(', ')})`;
    });
    const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
    await this.logs.query(`INSERT INTO ${driver.escape(this.logs.metadata.tableName)} (${names}) VALUES ${tuples.join(', ')}`, params);
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
