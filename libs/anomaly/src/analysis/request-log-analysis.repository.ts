import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BaselineSql } from '../baseline/baseline-sql';
import { bind, BoundSql, containing, toNumber } from '../database/sql';
import type { AnomalyRule } from '../rules/anomaly-rule';
import type { IpWindowCounts } from '../rules/rule-evaluator';
import type { AnalysisWindow } from './analysis-window';

/** What the window aggregate keeps: IPs some rule may flag. */
export interface AggregateQuery {
  window: AnalysisWindow;
  rules: ReadonlySet<AnomalyRule>;
  volumeLimit: number;
  probingThreshold: number;
  authFailureThreshold: number;
  /** Words a raw path must contain (lower-cased) to possibly be sensitive; see SensitivePathMatcher.sqlWords. */
  sensitiveWords: readonly string[];
  /** Present when the pass consults baselines (clock hours only). */
  baseline: { sql: BaselineSql; k: number; floor: number; minHours: number } | null;
}

export interface IpAggregate extends IpWindowCounts {
  /** Requests whose raw path may be sensitive (exact matching follows in Node). */
  sensitiveCandidates: number;
}

export interface PathCount {
  ip: string;
  path: string;
  count: number;
}

/** At most this many paths per IP come back as samples, and this many candidate rows in all. */
export const SAMPLE_PATHS_PER_IP = 10;
const MAX_CANDIDATE_ROWS = 20_000;

/**
 * The analysis's reads of `request_logs` (owned by ip-tracking; read here
 * only). Everything is GROUP BY in the database; what comes back is one row
 * per IP that some rule may flag, and bounded path samples for those IPs.
 */
@Injectable()
export class RequestLogAnalysisRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One pass over the window, grouped by IP. The time range is served by
   * ix_request_logs_time / ix_request_logs_time_ip; the baseline join by the
   * ip_baselines primary key. Only rows some rule may flag are returned.
   */
  aggregateSql(query: AggregateQuery): BoundSql {
    const { rules, baseline } = query;
    const sensitive = [
      ...query.sensitiveWords.map((_word, i) => `LOWER(l.path) LIKE :word${i} ESCAPE '!'`),
      // Percent-encoded paths may decode to anything: exact matching decides.
      `l.path LIKE :escaped ESCAPE '!'`,
    ].join(' OR ');
    const keep: string[] = [];
    if (rules.has('volume')) keep.push('w.requests > :volumeLimit');
    if (rules.has('auth_failure')) keep.push('w.auth_failures >= :authFailureThreshold');
    if (rules.has('probing')) keep.push('w.probed_paths >= :probingThreshold');
    if (rules.has('sensitive_path')) keep.push('w.sensitive_candidates > 0');
    const hit = baseline
      ? `b.ip IS NOT NULL AND b.last_hour < ${baseline.sql.hour} AND ${baseline.sql.hours} >= :minHours` +
        ` AND w.requests > :floor AND w.requests > ${baseline.sql.limit(baseline.k)}`
      : null;
    if (hit) keep.push(`(${hit})`);
    const sql = `
      SELECT w.ip AS ip, w.requests AS requests, w.auth_failures AS auth_failures, w.probed_paths AS probed_paths,
             w.sensitive_candidates AS sensitive_candidates${
               baseline
                 ? `,
             CASE WHEN ${hit} THEN 1 ELSE 0 END AS baseline_hit, b.ip AS baseline_ip,
             ${baseline.sql.mean} AS baseline_mean, ${baseline.sql.deviation} AS baseline_deviation,
             ${baseline.sql.hours} AS baseline_hours, ${baseline.sql.limit(baseline.k)} AS baseline_limit`
                 : ''
             }
      FROM (
        SELECT l.ip AS ip,
               COUNT(*) AS requests,
               SUM(CASE WHEN l.auth_failure IS NOT NULL THEN 1 ELSE 0 END) AS auth_failures,
               COUNT(DISTINCT CASE WHEN l.status IN (403, 404) AND l.blocked = :notBlocked THEN l.path END) AS probed_paths,
               SUM(CASE WHEN ${sensitive} THEN 1 ELSE 0 END) AS sensitive_candidates
        FROM request_logs l
        WHERE l.occurred_at >= :from AND l.occurred_at < :to
        GROUP BY l.ip
      ) w${baseline ? '\n      LEFT JOIN ip_baselines b ON b.ip = w.ip' : ''}
      WHERE ${keep.length > 0 ? keep.join(' OR ') : '1 = 0'}`;
    const words = Object.fromEntries(query.sensitiveWords.map((word, i) => [`word${i}`, containing(word.toLowerCase())]));
    return bind(this.dataSource, sql, {
      from: query.window.from,
      to: query.window.to,
      notBlocked: false,
      escaped: containing('%'),
      ...words,
      volumeLimit: query.volumeLimit,
      authFailureThreshold: query.authFailureThreshold,
      probingThreshold: query.probingThreshold,
      ...(baseline ? { minHours: baseline.minHours, floor: baseline.floor } : {}),
    });
  }

  async aggregate(query: AggregateQuery): Promise<IpAggregate[]> {
    const { sql, parameters } = this.aggregateSql(query);
    const rows = await this.dataSource.query<Record<string, unknown>[]>(sql, parameters);
    return rows.map((row) => ({
      ip: String(row.ip),
      requests: toNumber(row.requests),
      authFailures: toNumber(row.auth_failures),
      probedPaths: toNumber(row.probed_paths),
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
   * The distinct pre-filtered paths of the given IPs in the window, for exact
   * sensitive-path matching. Served by ix_request_logs_ip_time.
   */
  sensitiveCandidatesSql(ips: readonly string[], window: AnalysisWindow, words: readonly string[]): BoundSql {
    const sensitive = [...words.map((_word, i) => `LOWER(l.path) LIKE :word${i} ESCAPE '!'`), `l.path LIKE :escaped ESCAPE '!'`].join(
      ' OR ',
    );
    const sql = `
      SELECT l.ip AS ip, l.path AS path, COUNT(*) AS hits
      FROM request_logs l
      WHERE l.ip IN (:...ips) AND l.occurred_at >= :from AND l.occurred_at < :to AND (${sensitive})
      GROUP BY l.ip, l.path
      ORDER BY l.ip, hits DESC
      LIMIT ${MAX_CANDIDATE_ROWS}`;
    const params = Object.fromEntries(words.map((word, i) => [`word${i}`, containing(word.toLowerCase())]));
    return bind(this.dataSource, sql, { ips, from: window.from, to: window.to, escaped: containing('%'), ...params });
  }

  async sensitiveCandidates(ips: readonly string[], window: AnalysisWindow, words: readonly string[]): Promise<PathCount[]> {
    if (ips.length === 0) return [];
    const { sql, parameters } = this.sensitiveCandidatesSql(ips, window, words);
    const rows = await this.dataSource.query<Record<string, unknown>[]>(sql, parameters);
    return rows.map((row) => ({ ip: String(row.ip), path: String(row.path), count: toNumber(row.hits) }));
  }

  /**
   * Per IP, its most requested paths and its most refused (403/404) paths,
   * ten of each at most. Served by ix_request_logs_ip_time.
   */
  samplePathsSql(ips: readonly string[], window: AnalysisWindow): BoundSql {
    const refused = `SUM(CASE WHEN l.status IN (403, 404) AND l.blocked = :notBlocked THEN 1 ELSE 0 END)`;
    const sql = `
      SELECT s.ip AS ip, s.path AS path, s.hits AS hits, s.refused AS refused
      FROM (
        SELECT l.ip AS ip, l.path AS path, COUNT(*) AS hits, ${refused} AS refused,
               ROW_NUMBER() OVER (PARTITION BY l.ip ORDER BY COUNT(*) DESC, l.path) AS by_hits,
               ROW_NUMBER() OVER (PARTITION BY l.ip ORDER BY ${refused} DESC, l.path) AS by_refused
        FROM request_logs l
        WHERE l.ip IN (:...ips) AND l.occurred_at >= :from AND l.occurred_at < :to
        GROUP BY l.ip, l.path
      ) s
      WHERE s.by_hits <= ${SAMPLE_PATHS_PER_IP} OR (s.refused > 0 AND s.by_refused <= ${SAMPLE_PATHS_PER_IP})
      ORDER BY s.ip, s.hits DESC, s.path`;
    return bind(this.dataSource, sql, { ips, from: window.from, to: window.to, notBlocked: false });
  }

  async samplePaths(ips: readonly string[], window: AnalysisWindow): Promise<(PathCount & { refused: number })[]> {
    if (ips.length === 0) return [];
    const { sql, parameters } = this.samplePathsSql(ips, window);
    const rows = await this.dataSource.query<Record<string, unknown>[]>(sql, parameters);
    return rows.map((row) => ({ ip: String(row.ip), path: String(row.path), count: toNumber(row.hits), refused: toNumber(row.refused) }));
  }
}
