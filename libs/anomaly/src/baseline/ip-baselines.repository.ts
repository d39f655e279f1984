import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { bind, BoundSql, dialectOf } from '../database/sql';
import type { AnalysisWindow } from '../analysis/analysis-window';
import { BaselineSql } from './baseline-sql';

@Injectable()
export class IpBaselinesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Folds the hour's count of every IP seen in it into its baseline, in one
   * INSERT … SELECT … upsert: the window's GROUP BY ip is served by
   * ix_request_logs_time_ip (a covering index), the join by the primary key.
   * An hour already folded in (a re-run) changes nothing; a new IP starts at
   * its count, with half of it as deviation.
   */
  foldHourSql(window: AnalysisWindow, baseline: BaselineSql, now: Date): BoundSql {
    const dialect = dialectOf(this.dataSource);
    const count = 'w.requests';
    // PostgreSQL types an untyped parameter in a SELECT list as text.
    const nowValue = dialect === 'postgres' ? 'CAST(:now AS TIMESTAMP)' : ':now';
    const upsert =
      dialect === 'mysql'
        ? 'ON DUPLICATE KEY UPDATE mean = VALUES(mean), deviation = VALUES(deviation), last_hour = VALUES(last_hour), updated_at = VALUES(updated_at)'
        : 'ON CONFLICT (ip) DO UPDATE SET mean = excluded.mean, deviation = excluded.deviation, last_hour = excluded.last_hour, updated_at = excluded.updated_at';
    const sql = `
      INSERT INTO ip_baselines (ip, mean, deviation, first_hour, last_hour, updated_at)
      SELECT w.ip,
             CASE WHEN b.ip IS NULL THEN ${count} ELSE ${baseline.nextMean(count)} END,
             CASE WHEN b.ip IS NULL THEN ${count} * 0.5 ELSE ${baseline.nextDeviation(count)} END,
             COALESCE(b.first_hour, ${baseline.hour}), ${baseline.hour}, ${nowValue}
      FROM (
        SELECT l.ip AS ip, COUNT(*) AS requests
        FROM request_logs l
        WHERE l.occurred_at >= :from AND l.occurred_at < :to
        GROUP BY l.ip
      ) w
      LEFT JOIN ip_baselines b ON b.ip = w.ip
      WHERE b.ip IS NULL OR b.last_hour < ${baseline.hour}
      ${upsert}`;
    return bind(this.dataSource, sql, { from: window.from, to: window.to, now });
  }

  async foldHour(window: AnalysisWindow, baseline: BaselineSql, now = new Date()): Promise<void> {
    const { sql, parameters } = this.foldHourSql(window, baseline, now);
    await this.dataSource.query(sql, parameters);
  }
}
