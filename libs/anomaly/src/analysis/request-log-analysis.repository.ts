import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PATH_ROOT_LENGTH } from '@nexus/ip-tracking';
import { bind, BoundSql, dialectOf, toNumber } from '../database/sql';
import type { AnalysisWindow } from './analysis-window';
import { dropTemporary, WindowCounts } from './window-counts';

/** One path of a flagged IP in the window, as the follow-up read returns it. */
export interface FlaggedPath {
  ip: string;
  path: string;
  hits: number;
  /** Requests to it refused with 403/404 (refusals of IP rules excluded). */
  refused: number;
  /** Among the IP's 10 most requested paths. */
  top: boolean;
  /** Among the IP's 10 most refused paths (refused > 0). */
  topRefused: boolean;
  /** Its raw form may normalise to a sensitive path (exact matching follows in Node). */
  candidate: boolean;
  /** The IP's distinct refused paths in the window (the same on each of its rows). */
  probedPaths: number;
}

/** At most this many paths per IP come back as samples. */
export const SAMPLE_PATHS_PER_IP = 10;
/** At most this many sensitive-path candidates per IP, the most requested first. */
const MAX_CANDIDATE_PATHS_PER_IP = 1_000;
/**
 * What can make a raw path normalise to something other than its own lower-cased
 * segments: percent escapes, backslashes, a fragment, empty and dot segments
 * (`marksPattern` below is the same as a regular expression).
 */
const IRREGULAR_MARKS = ['%', '\\', '#', '//', '/.'];

/**
 * The analysis's reads of `request_logs` (owned by ip-tracking; read here
 * only). The window is grouped by IP once, into a temporary table, reading
 * nothing but ix_request_logs_time_covering; then the paths of the few IPs
 * some rule may flag come from ix_request_logs_ip_time, also covering.
 */
@Injectable()
export class RequestLogAnalysisRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * True for a path (the SQL expression `path`: a raw request path) whose
   * normalised form may be, or lie under, a sensitive path with one of
   * `roots`: a superset that `SensitivePathMatcher.match` narrows in Node.
   * Why it is one: a path that starts with `/` and holds none of
   * IRREGULAR_MARKS is not changed by decoding, backslashes, fragments or
   * `.`/`..`/empty segments, so its root is its raw first segment (up to `/`
   * or `?`), lower-cased; every other path is a candidate. Used on the flagged
   * IPs' distinct paths only (rows written since path_root exist are
   * pre-filtered by `rootCandidate`).
   */
  private pathCandidate(path: string, roots: readonly string[]): { sql: string; parameters: Record<string, string> } {
    const dialect = dialectOf(this.dataSource);
    const parameters: Record<string, string> = Object.fromEntries(roots.map((root, i) => [`root${i}`, root]));
    // Both sides lower-cased by the same function, so non-ASCII capitals stay a superset too.
    const names = roots.map((_root, i) => (dialect === 'mysql' ? `LOWER(:root${i})` : `lower(:root${i})`));
    const marksPattern = '[%\\\\#]|/[/.]';
    switch (dialect) {
      case 'mysql': {
        // Spelled out in lower case, whatever the column's collation (the grouping reads it as binary).
        const text = `CONVERT(${path} USING utf8mb4)`;
        const head = `LOWER(LEFT(SUBSTRING_INDEX(SUBSTRING_INDEX(SUBSTRING(${text}, 2), '?', 1), '/', 1), ${PATH_ROOT_LENGTH}))`;
        const known = roots.length === 0 ? '1 = 0' : `${head} IN (${names.join(', ')})`;
        return {
          sql: `(${known} OR LEFT(${text}, 1) <> '/' OR ${text} REGEXP :marks)`,
          parameters: { ...parameters, marks: marksPattern },
        };
      }
      case 'postgres': {
        const head = `lower(left(split_part(split_part(${path}, '?', 1), '/', 2), ${PATH_ROOT_LENGTH}))`;
        const known = roots.length === 0 ? 'FALSE' : `${head} IN (${names.join(', ')})`;
        return { sql: `(${known} OR left(${path}, 1) <> '/' OR ${path} ~ :marks)`, parameters: { ...parameters, marks: marksPattern } };
      }
      case 'sqlite': {
        // No regular expressions here: instr() for each mark; `?` ends the first segment as `/` does.
        const cut = `replace(${path}, '?', '/')`;
        const head = `lower(substr(substr(${cut}, 2, instr(substr(${cut}, 2) || '/', '/') - 1), 1, ${PATH_ROOT_LENGTH}))`;
        const known = roots.length === 0 ? '0' : `${head} IN (${names.join(', ')})`;
        const marks = IRREGULAR_MARKS.map((_mark, i) => `instr(${path}, :mark${i}) > 0`).join(' OR ');
        const markParameters = Object.fromEntries(IRREGULAR_MARKS.map((mark, i) => [`mark${i}`, mark]));
        return { sql: `(${known} OR substr(${path}, 1, 1) <> '/' OR ${marks})`, parameters: { ...parameters, ...markParameters } };
      }
    }
  }

  /**
   * True for a log row that may have gone to a sensitive path: its stored
   * path_root is one of `roots` (the roots of the configured paths), or it
   * has none (written before the column existed). A comparison of one short
   * column that the covering time index carries, on every row of the window.
   */
  private rootCandidate(roots: readonly string[]): { sql: string; parameters: Record<string, string> } {
    if (roots.length === 0) return { sql: '(1 = 0)', parameters: {} };
    const parameters: Record<string, string> = Object.fromEntries(roots.map((root, i) => [`root${i}`, root]));
    // Compared as bytes on MySQL/MariaDB: roots are stored lower-cased as the list's are, and a collation's
    // comparison against every listed root on every row of the window costs twice as much.
    const known = `${this.bytes('l.path_root')} IN (${roots.map((_root, i) => `:root${i}`).join(', ')})`;
    return { sql: `(l.path_root IS NULL OR ${known})`, parameters };
  }

  /**
   * How MySQL/MariaDB group by a column fast: as bytes. IPs and paths are
   * compared exactly, as PostgreSQL and SQLite compare them, rather than
   * through a case- and accent-insensitive collation that costs about a
   * third of the grouping.
   */
  private bytes(column: string): string {
    return dialectOf(this.dataSource) === 'mysql' ? `CAST(${column} AS BINARY)` : column;
  }

  /**
   * The window grouped by IP: requests, authentication failures, requests
   * refused with 403/404 (refusals of IP rules excluded; an upper bound of
   * the distinct refused paths, counted exactly for the flagged IPs only),
   * and requests whose path may be sensitive. One range scan of
   * ix_request_logs_time_covering (occurred_at, ip, status, blocked,
   * auth_failure, path): index only, no row lookups.
   */
  windowCountsSql(window: AnalysisWindow, roots: readonly string[]): BoundSql {
    const candidate = this.rootCandidate(roots);
    const sql = `
      SELECT ${this.bytes('l.ip')} AS ip,
             COUNT(*) AS requests,
             COUNT(l.auth_failure) AS auth_failures,
             COUNT(CASE WHEN l.status IN (403, 404) AND l.blocked = :notBlocked THEN 1 END) AS refused_requests,
             COUNT(CASE WHEN ${candidate.sql} THEN 1 END) AS sensitive_candidates
      FROM request_logs l
      WHERE l.occurred_at >= :from AND l.occurred_at < :to
      GROUP BY ${this.bytes('l.ip')}`;
    return bind(this.dataSource, sql, { from: window.from, to: window.to, notBlocked: false, ...candidate.parameters });
  }

  /** Groups the window into a temporary table on a connection of its own; the caller closes it. */
  async openWindowCounts(window: AnalysisWindow, roots: readonly string[]): Promise<WindowCounts> {
    // Unique per run: SQLite has one connection, so concurrent runs share its temporary schema.
    const table = `anomaly_window_${randomBytes(6).toString('hex')}`;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(dropTemporary(this.dataSource, table));
      await runner.query(
        `CREATE TEMPORARY TABLE ${table} (ip VARCHAR(45) NOT NULL, requests INT NOT NULL, auth_failures INT NOT NULL, refused_requests INT NOT NULL, sensitive_candidates INT NOT NULL)`,
      );
      const { sql, parameters } = this.windowCountsSql(window, roots);
      await runner.query(`INSERT INTO ${table} (ip, requests, auth_failures, refused_requests, sensitive_candidates) ${sql}`, parameters);
    } catch (error) {
      await runner.query(dropTemporary(this.dataSource, table)).catch(() => undefined);
      await runner.release();
      throw error;
    }
    return new WindowCounts(runner, this.dataSource, table);
  }

  /**
   * The paths of the given IPs in the window, grouped by (ip, path), keeping
   * for each IP its 10 most requested, its 10 most refused and its sensitive
   * candidates; every row also carries the IP's exact count of distinct
   * refused paths. One range per IP on ix_request_logs_ip_time (ip,
   * occurred_at, status, blocked, path): index only.
   */
  flaggedPathsSql(ips: readonly string[], window: AnalysisWindow, roots: readonly string[]): BoundSql {
    const candidate = this.pathCandidate('h.path', roots);
    const sql = `
      SELECT r.ip AS ip, r.path AS path, r.hits AS hits, r.refused AS refused, r.candidate AS candidate,
             r.by_hits AS by_hits, r.by_refused AS by_refused, r.probed_paths AS probed_paths
      FROM (
        SELECT g.ip, g.path, g.hits, g.refused, g.candidate,
               ROW_NUMBER() OVER (PARTITION BY g.ip ORDER BY g.hits DESC, g.path) AS by_hits,
               ROW_NUMBER() OVER (PARTITION BY g.ip ORDER BY g.refused DESC, g.path) AS by_refused,
               ROW_NUMBER() OVER (PARTITION BY g.ip ORDER BY g.candidate DESC, g.hits DESC, g.path) AS by_candidate,
               SUM(CASE WHEN g.refused > 0 THEN 1 ELSE 0 END) OVER (PARTITION BY g.ip) AS probed_paths
        FROM (
          SELECT h.ip, h.path, h.hits, h.refused, CASE WHEN ${candidate.sql} THEN 1 ELSE 0 END AS candidate
          FROM (
            SELECT l.ip AS ip, ${this.bytes('l.path')} AS path, COUNT(*) AS hits,
                   COUNT(CASE WHEN l.status IN (403, 404) AND l.blocked = :notBlocked THEN 1 END) AS refused
            FROM request_logs l
            WHERE l.ip IN (:...ips) AND l.occurred_at >= :from AND l.occurred_at < :to
            GROUP BY l.ip, ${this.bytes('l.path')}
          ) h
        ) g
      ) r
      WHERE r.by_hits <= ${SAMPLE_PATHS_PER_IP}
         OR (r.refused > 0 AND r.by_refused <= ${SAMPLE_PATHS_PER_IP})
         OR (r.candidate = 1 AND r.by_candidate <= ${MAX_CANDIDATE_PATHS_PER_IP})`;
    return bind(this.dataSource, sql, { ips, from: window.from, to: window.to, notBlocked: false, ...candidate.parameters });
  }

  async flaggedPaths(ips: readonly string[], window: AnalysisWindow, roots: readonly string[]): Promise<FlaggedPath[]> {
    if (ips.length === 0) return [];
    const { sql, parameters } = this.flaggedPathsSql(ips, window, roots);
    const rows = await this.dataSource.query<Record<string, unknown>[]>(sql, parameters);
    return rows.map((row) => {
      const refused = toNumber(row.refused);
      return {
        ip: String(row.ip),
        // MySQL/MariaDB return the grouped bytes (a Buffer): UTF-8, as written.
        path: String(row.path),
        hits: toNumber(row.hits),
        refused,
        top: toNumber(row.by_hits) <= SAMPLE_PATHS_PER_IP,
        topRefused: refused > 0 && toNumber(row.by_refused) <= SAMPLE_PATHS_PER_IP,
        candidate: toNumber(row.candidate) === 1,
        probedPaths: toNumber(row.probed_paths),
      };
    });
  }
}
