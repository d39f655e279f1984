import { AnalysisWindow, HOUR_MS } from '@nexus/anomaly';
import { AppConfig, buildDataSourceOptions } from '@nexus/core';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '../apps/cli/src/entities';
import { RequestLogAnalysisRepository } from '../libs/anomaly/src/analysis/request-log-analysis.repository';
import { BoundSql } from '../libs/anomaly/src/database/sql';
import { SensitivePathMatcher } from '../libs/anomaly/src/rules/path-normalizer';
import { LogRow, seedLogs } from './support/anomaly-helpers';
import { createTestDatabase, TestDatabase, testTarget } from './support/test-database';

const HOURS = 200;
const IPS = 400;
const ROWS_PER_HOUR = 200;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Every way a plan reads request_logs: an index name, or `seq` for a full scan. */
function postgresAccesses(node: PlanNode, out: { index: string; indexOnly: boolean }[] = []): { index: string; indexOnly: boolean }[] {
  if (
    node['Relation Name'] === 'request_logs' ||
    (node['Node Type'] === 'Bitmap Index Scan' && node['Index Name']?.startsWith('ix_request_logs'))
  ) {
    if (node['Node Type'] === 'Seq Scan') out.push({ index: 'seq', indexOnly: false });
    else if (node['Index Name']) out.push({ index: node['Index Name'], indexOnly: node['Node Type'] === 'Index Only Scan' });
  }
  for (const child of node.Plans ?? []) postgresAccesses(child, out);
  return out;
}

/**
 * The analysis queries must read request_logs through its indexes, not by
 * scanning the table: checked with EXPLAIN on a table where the analysed hour
 * is 1 of 200.
 */
describe(`anomaly analysis query plans (${testTarget()})`, () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let reads: RequestLogAnalysisRepository;
  const window: AnalysisWindow = { from: new Date(Date.UTC(2026, 10, 20, 10)), to: new Date(Date.UTC(2026, 10, 20, 11)) };
  const sensitive = new SensitivePathMatcher(AppConfig.forTest().anomaly.sensitivePaths);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({
      ...buildDataSourceOptions(AppConfig.forTest({ DATABASE_URL: database.url }), ALL_ENTITIES),
      logging: false,
    });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'all' });
    const rows: LogRow[] = [];
    const start = window.from.getTime() - (HOURS / 2) * HOUR_MS;
    for (let hour = 0; hour < HOURS; hour++) {
      for (let i = 0; i < ROWS_PER_HOUR; i++) {
        const n = hour * ROWS_PER_HOUR + i;
        rows.push({
          ip: `10.0.${Math.floor((n % IPS) / 256)}.${n % 256}`,
          occurredAt: new Date(start + hour * HOUR_MS + Math.floor((i * HOUR_MS) / ROWS_PER_HOUR)),
          path: n % 50 === 0 ? '/admin' : `/api/v1/items/${n % 97}`,
          status: n % 7 === 0 ? 404 : 200,
          authFailure: n % 11 === 0 ? 'wrong_password' : null,
        });
      }
    }
    await seedLogs(dataSource, rows);
    // VACUUM sets PostgreSQL's visibility map, as autovacuum would, so index-only scans are on the table.
    await dataSource.query(testTarget() === 'postgres' ? 'VACUUM (ANALYZE) request_logs' : 'ANALYZE TABLE request_logs');
    reads = new RequestLogAnalysisRepository(dataSource);
  }, 120_000);

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  /** The request_logs accesses of the statement's plan, and whether each reads the index alone. */
  async function accesses({ sql, parameters }: BoundSql): Promise<{ index: string; indexOnly: boolean }[]> {
    if (testTarget() === 'postgres') {
      const [row] = await dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
      const plan = (typeof row['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row['QUERY PLAN'])[0].Plan as PlanNode;
      return postgresAccesses(plan);
    }
    const rows: { table: string; type: string; key: string | null; Extra: string | null }[] = await dataSource.query(
      `EXPLAIN ${sql}`,
      parameters,
    );
    return rows
      .filter((row) => row.table === 'l')
      .map((row) => ({
        index: row.type === 'ALL' || !row.key ? 'seq' : row.key,
        indexOnly: /Using index(?! condition)/.test(row.Extra ?? ''),
      }));
  }

  const someIps = ['10.0.0.1', '10.0.0.2', '10.0.1.3'];
  /**
   * Every read of request_logs goes through one of `indexes`, from the index
   * alone: the row lookups of a non-covering index were most of the job's
   * time at a million rows.
   */
  const readsOnly = (found: { index: string; indexOnly: boolean }[], indexes: string[]) => {
    expect(found.length).toBeGreaterThan(0);
    for (const access of found) {
      expect(indexes).toContain(access.index);
      expect(access.indexOnly).toBe(true);
    }
  };

  it('grouping the window by IP (the one pass over the log) reads the covering time index alone', async () => {
    readsOnly(await accesses(reads.windowCountsSql(window, sensitive.roots)), ['ix_request_logs_time_covering']);
  });

  it('the follow-up over the flagged IPs (samples, probed paths, sensitive candidates) reads a covering index alone', async () => {
    // MariaDB seeks each IP in ix_request_logs_ip_time; PostgreSQL, on a window of 200 rows, finds scanning it cheaper.
    const indexes =
      testTarget() === 'postgres' ? ['ix_request_logs_ip_time', 'ix_request_logs_time_covering'] : ['ix_request_logs_ip_time'];
    readsOnly(await accesses(reads.flaggedPathsSql(someIps, window, sensitive.roots)), indexes);
  });
});
