import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bind, BoundSql, containing, dialectOf, toNumber } from '../database/sql';
import type { AnalysisWindow } from './analysis-window';
import { dropTemporary, WindowCounts } from './window-counts';

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
 * only). Everything is GROUP BY in the database: the window once, by IP, into
 * a temporary table; then bounded path samples for the IPs some rule flags.
 */
@Injectable()
export class RequestLogAnalysisRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A raw path that may be sensitive: it contains one of `words` in any case,
   * or a `%` escape (exact matching, on the normalised path, follows in Node).
   * One case-insensitive regular expression on MySQL and PostgreSQL (a list of
   * LIKEs costs twice the whole GROUP BY there); LIKE, case-insensitive for
   * ASCII, on SQLite, which has no REGEXP.
   */
  private sensitivePredicate(words: readonly string[]): { sql: string; parameters: Record<string, string> } {
    const dialect = dialectOf(this.dataSource);
    if (dialect === 'sqlite') {
      const parameters = Object.fromEntries(words.map((word, i) => [`word${i}`, containing(word)]));
      const likes = [...words.map((_word, i) => `l.path LIKE :word${i} ESCAPE '!'`), `l.path LIKE :escaped ESCAPE '!'`];
      return { sql: `(${likes.join(' OR ')})`, parameters: { ...parameters, escaped: containing('%') } };
    }
    const pattern = `(?i)(${[...words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), '%'].join('|')})`;
    return { sql: dialect === 'mysql' ? 'l.path REGEXP :sensitive' : 'l.path ~ :sensitive', parameters: { sensitive: pattern } };
  }

  /**
   * The window grouped by IP: requests, authentication failures, distinct
   * paths refused with 403/404 (refusals of IP rules excluded), and requests
   * whose path may be sensitive. The time range is served by
   * ix_request_logs_time (or ix_request_logs_time_ip).
   */
  windowCountsSql(window: AnalysisWindow, words: readonly string[]): BoundSql {
    const sensitive = this.sensitivePredicate(words);
    const sql = `
      SELECT l.ip AS ip,
             COUNT(*) AS requests,
             SUM(CASE WHEN l.auth_failure IS NOT NULL THEN 1 ELSE 0 END) AS auth_failures,
             COUNT(DISTINCT CASE WHEN l.status IN (403, 404) AND l.blocked = :notBlocked THEN l.path END) AS probed_paths,
             SUM(CASE WHEN ${sensitive.sql} THEN 1 ELSE 0 END) AS sensitive_candidates
      FROM request_logs l
      WHERE l.occurred_at >= :from AND l.occurred_at < :to
      GROUP BY l.ip`;
    return bind(this.dataSource, sql, { from: window.from, to: window.to, notBlocked: false, ...sensitive.parameters });
  }

  /** Groups the window into a temporary table on a connection of its own; the caller closes it. */
  async openWindowCounts(window: AnalysisWindow, words: readonly string[]): Promise<WindowCounts> {
    // Unique per run: SQLite has one connection, so concurrent runs share its temporary schema.
    const table = `anomaly_window_${randomBytes(6).toString('hex')}`;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(dropTemporary(this.dataSource, table));
      await runner.query(
        `CREATE TEMPORARY TABLE ${table} (ip VARCHAR(45) NOT NULL, requests INT NOT NULL, auth_failures INT NOT NULL, probed_paths INT NOT NULL, sensitive_candidates INT NOT NULL)`,
      );
      const { sql, parameters } = this.windowCountsSql(window, words);
      await runner.query(`INSERT INTO ${table} (ip, requests, auth_failures, probed_paths, sensitive_candidates) ${sql}`, parameters);
    } catch (error) {
      await runner.query(dropTemporary(this.dataSource, table)).catch(() => undefined);
      await runner.release();
      throw error;
    }
    return new WindowCounts(runner, this.dataSource, table);
  }

  /**
   * The distinct pre-filtered paths of the given IPs in the window, for exact
   * sensitive-path matching. Served by ix_request_logs_ip_time.
   */
  sensitiveCandidatesSql(ips: readonly string[], window: AnalysisWindow, words: readonly string[]): BoundSql {
    const sensitive = this.sensitivePredicate(words);
    const sql = `
      SELECT l.ip AS ip, l.path AS path, COUNT(*) AS hits
      FROM request_logs l
      WHERE l.ip IN (:...ips) AND l.occurred_at >= :from AND l.occurred_at < :to AND ${sensitive.sql}
      GROUP BY l.ip, l.path
      ORDER BY l.ip, hits DESC
      LIMIT ${MAX_CANDIDATE_ROWS}`;
    return bind(this.dataSource, sql, { ips, from: window.from, to: window.to, ...sensitive.parameters });
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
