import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AnalysisService, HOUR_MS } from '@nexus/anomaly';
import { AuthService } from '@nexus/auth';
import { AppConfig } from '@nexus/core';
import { INVOICE_STATUSES, InvoicesService, PaymentsService } from '@nexus/invoices';
import { DataSource } from 'typeorm';
import { CliOutput } from '../apps/cli/src/cli-output';
import { CliModule } from '../apps/cli/src/cli.module';
import { DbSeedCommand } from '../apps/cli/src/commands/db-seed.command';
import { DEMO_MEMBERS, DEMO_PASSWORD } from '../apps/cli/src/demo-seed/demo-accounts.seeder';
import { DemoSeedService } from '../apps/cli/src/demo-seed/demo-seed.service';
import { INVOICE_MIX } from '../apps/cli/src/demo-seed/demo-invoice-plan';
import { CliProgress, ProgressBar } from '../apps/cli/src/progress-bar';
import { collect, spawnEntry } from './support/spawn';
import { targetEnv } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const SCANNER_IP = '203.0.113.66';
const BRUTE_FORCER_IP = '198.51.100.23';
/** Every table the seed writes to, for "the second run changed nothing". */
const SEEDED_TABLES = [
  'organizations',
  'users',
  'memberships',
  'refresh_tokens',
  'tax_rates',
  'customers',
  'invoices',
  'invoice_lines',
  'payments',
  'invoice_events',
  'invoice_number_sequences',
  'request_logs',
];

/** `db:seed --demo` on the target database, through its class with output and progress captured, and the real binary once. */
describe('CLI db:seed --demo', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let app: INestApplicationContext;
  let dataSource: DataSource;
  const lines: string[] = [];
  const progress: string[] = [];
  let seedOutput: string[] = [];

  /** Rows of `sql`, with `:name` placeholders bound the way each driver wants them (dates included). */
  const query = <T>(sql: string, parameters: Record<string, unknown> = {}): Promise<T[]> => {
    const [text, values] = dataSource.driver.escapeQueryWithParameters(sql, parameters);
    return dataSource.query<T[]>(text, values);
  };
  const count = async (sql: string, parameters: Record<string, unknown> = {}): Promise<number> =>
    Number((await query<{ n: number | string }>(sql, parameters))[0].n);
  const tableCounts = async () =>
    Object.fromEntries(await Promise.all(SEEDED_TABLES.map(async (table) => [table, await count(`SELECT COUNT(*) AS n FROM ${table}`)])));
  const organizationId = async (): Promise<string> => (await dataSource.query<{ id: string }[]>('SELECT id FROM organizations'))[0].id;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = targetEnv(database) as Record<string, string>;
    const config = AppConfig.forTest(env);
    const moduleRef = await Test.createTestingModule({ imports: [CliModule.forRoot(config)] })
      .overrideProvider(CliOutput)
      .useValue({ line: (text: string) => lines.push(text) })
      .overrideProvider(CliProgress)
      .useValue({
        start: (label: string, total: number) => new ProgressBar({ write: (text: string) => progress.push(text) }, label, total),
      })
      .compile();
    app = await moduleRef.init();
    dataSource = app.get(DataSource);
    await app.get(DbSeedCommand).run([], { demo: true });
    seedOutput = lines.splice(0);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  beforeEach(() => lines.splice(0));

  it('prints what it created, how to log in and where to look, with plain progress lines on a non-terminal', () => {
    const output = seedOutput.join('\n');
    expect(output).toMatch(/^Seeded the demo organization "Harborview Digital \(demo\)" \([0-9a-f-]{36}\) in \d+\.\d s:/);
    expect(output).toMatch(/members +3 \(owner, accountant, viewer\)/);
    expect(output).toMatch(/customers +50\n/);
    expect(output).toMatch(/invoices +500: draft 50, open 150, paid 220, void 30, uncollectible 50 \(55 partially paid, 65 overdue\)/);
    expect(output).toMatch(/request logs +10,000, /);
    for (const member of DEMO_MEMBERS) expect(output).toContain(`${member.role.padEnd(11)} ${member.email}`);
    expect(output).toContain(`password    ${DEMO_PASSWORD} (the published demo password`);
    expect(output).toContain(`a scanner at ${SCANNER_IP} and a brute-forcer at ${BRUTE_FORCER_IP}`);
    expect(output).toMatch(/npm run cli -- analysis:run --from \S+Z --to \S+Z$/);
    expect(progress).toEqual([
      'Invoices: 125/500 (25%)\n',
      'Invoices: 250/500 (50%)\n',
      'Invoices: 375/500 (75%)\n',
      'Invoices: 500/500 (100%)\n',
      'Request logs: 2,500/10,000 (25%)\n',
      'Request logs: 5,000/10,000 (50%)\n',
      'Request logs: 7,500/10,000 (75%)\n',
      'Request logs: 10,000/10,000 (100%)\n',
    ]);
  });

  it('creates one organization whose owner, accountant and viewer can log in with the demo password', async () => {
    expect(await count('SELECT COUNT(*) AS n FROM organizations')).toBe(1);
    const members = await dataSource.query<{ email: string; role: string }[]>(
      'SELECT u.email AS email, m.role AS role FROM memberships m JOIN users u ON u.id = m.user_id ORDER BY u.email',
    );
    expect(members).toEqual([...DEMO_MEMBERS].sort((a, b) => a.email.localeCompare(b.email)).map(({ email, role }) => ({ email, role })));
    const session = await app
      .get(AuthService)
      .login({ email: DEMO_MEMBERS[0].email, password: DEMO_PASSWORD }, { ip: '127.0.0.1', userAgent: 'cli-seed test' });
    expect(session).toMatchObject({ role: 'owner', organization: { name: 'Harborview Digital (demo)' }, tokenType: 'Bearer' });
    await expect(
      app
        .get(AuthService)
        .login({ email: DEMO_MEMBERS[2].email, password: 'not-the-demo-password-1' }, { ip: '127.0.0.2', userAgent: null }),
    ).rejects.toThrow(/wrong_password/);
  });

  it('creates 50 customers and 500 invoices in every status, with lines, taxes, discounts, numbers and payments', async () => {
    const org = await organizationId();
    expect(await count('SELECT COUNT(*) AS n FROM customers WHERE organization_id = :org', { org })).toBe(50);
    expect(await count(`SELECT COUNT(*) AS n FROM customers WHERE currency = 'EUR'`)).toBeGreaterThan(0);
    expect(await count('SELECT COUNT(*) AS n FROM invoices WHERE organization_id = :org', { org })).toBe(500);
    const byStatus = await dataSource.query<{ status: string; n: number | string }[]>(
      'SELECT status, COUNT(*) AS n FROM invoices GROUP BY status',
    );
    expect(Object.fromEntries(byStatus.map((row) => [row.status, Number(row.n)]))).toEqual({
      draft: INVOICE_MIX.draft.count,
      open: 150,
      paid: INVOICE_MIX.paid.count,
      void: INVOICE_MIX.void.count,
      uncollectible: 50,
    });
    expect(new Set(byStatus.map((row) => row.status))).toEqual(new Set(INVOICE_STATUSES));
    const today = new Date().toISOString().slice(0, 10);
    expect(await count(`SELECT COUNT(*) AS n FROM invoices WHERE status = 'open' AND amount_paid > 0`)).toBe(45);
    expect(await count(`SELECT COUNT(*) AS n FROM invoices WHERE status = 'open' AND due_date < :today`, { today })).toBe(65);
    expect(await count(`SELECT COUNT(*) AS n FROM invoices WHERE status = 'open' AND due_date >= :today`, { today })).toBe(85);
    expect(await count('SELECT COUNT(DISTINCT number) AS n FROM invoices WHERE number IS NOT NULL')).toBe(450);
    expect(await count('SELECT COUNT(*) AS n FROM payments')).toBeGreaterThan(220);
    expect(await count('SELECT COUNT(*) AS n FROM invoice_lines WHERE discount_type IS NOT NULL')).toBeGreaterThan(0);
    expect(await count('SELECT COUNT(*) AS n FROM invoices WHERE tax_total > 0')).toBeGreaterThan(0);
    expect(await count('SELECT COUNT(*) AS n FROM invoices WHERE discount_total > 0')).toBeGreaterThan(0);
    expect(await count(`SELECT COUNT(*) AS n FROM invoice_events WHERE type = 'finalized'`)).toBe(450);
    expect(
      await count('SELECT COUNT(*) AS n FROM invoices i WHERE NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id)'),
    ).toBe(0);
  });

  it('leaves every sampled invoice consistent: amount due is total minus paid, and the payments add up to what was paid', async () => {
    const actor = { organizationId: await organizationId(), userId: 'test' };
    const ids = (await dataSource.query<{ id: string }[]>('SELECT id FROM invoices ORDER BY created_at, id')).map((row) => row.id);
    const sample = ids.filter((_id, i) => i % 10 === 0);
    const seen = new Set<string>();
    for (const id of sample) {
      const invoice = await app.get(InvoicesService).get(actor, id);
      seen.add(invoice.status);
      expect(invoice.lines.length).toBeGreaterThan(0);
      expect(invoice.total).toBeGreaterThan(0);
      expect(invoice.amountDue).toBe(invoice.total - invoice.amountPaid);
      const payments = await app.get(PaymentsService).list(actor, id, { page: 1, limit: 100 });
      expect(payments.data.reduce((sum, payment) => sum + payment.amount, 0)).toBe(invoice.amountPaid);
      for (const payment of payments.data) expect(payment.paidAt.getTime()).toBeLessThanOrEqual(Date.now());
      if (invoice.status === 'paid') expect(invoice.amountDue).toBe(0);
      if (invoice.status === 'draft') expect(invoice.number).toBeNull();
      else expect(invoice.number).toMatch(/^INV-\d{4}-\d+$/);
    }
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it('writes 10,000 request logs over the last day, in which analysis finds the scanner and the brute-forcer and nobody else', async () => {
    const hint = seedOutput.at(-1)!.match(/--from (\S+) --to (\S+)$/)!;
    const window = { from: new Date(hint[1]), to: new Date(hint[2]) };
    expect(window.to.getTime() - window.from.getTime()).toBe(24 * 3_600_000);
    expect(await count('SELECT COUNT(*) AS n FROM request_logs')).toBe(10_000);
    expect(await count('SELECT COUNT(*) AS n FROM request_logs WHERE occurred_at >= :from AND occurred_at < :to', window)).toBe(10_000);
    const scanned = await query<{ path: string }>('SELECT DISTINCT path FROM request_logs WHERE ip = :ip AND status = 404', {
      ip: SCANNER_IP,
    });
    expect(scanned.map((row) => row.path)).toEqual(expect.arrayContaining(['/.env', '/wp-login.php', '/.git/config', '/phpmyadmin/']));
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM request_logs WHERE ip = :ip AND method = 'POST' AND path = '/api/v1/auth/login' AND status = 401 AND auth_failure IS NOT NULL`,
        { ip: BRUTE_FORCER_IP },
      ),
    ).toBeGreaterThanOrEqual(100);

    const result = await app.get(AnalysisService).analyze(window, 'full');
    expect(result.byRule).toMatchObject({ sensitive_path: 1, probing: 1, auth_failure: 1, volume: 0 });
    const findings = await dataSource.query<{ ip: string; rule: string }[]>('SELECT ip, rule FROM suspicious_ips ORDER BY ip, rule');
    expect(findings).toEqual([
      { ip: BRUTE_FORCER_IP, rule: 'auth_failure' },
      { ip: SCANNER_IP, rule: 'probing' },
      { ip: SCANNER_IP, rule: 'sensitive_path' },
    ]);
  });

  it('puts the scanner and the brute-forcer each inside one clock hour, which the hourly analysis flags too', async () => {
    const logs = dataSource.getRepository<{ ip: string; occurredAt: Date }>('RequestLogEntity');
    for (const [ip, rule] of [
      [SCANNER_IP, 'probing'],
      [BRUTE_FORCER_IP, 'auth_failure'],
    ]) {
      const rows = await logs.find({ where: { ip }, order: { occurredAt: 'ASC' } });
      const hour = Math.floor(rows[0].occurredAt.getTime() / HOUR_MS) * HOUR_MS;
      expect(rows.at(-1)!.occurredAt.getTime()).toBeLessThan(hour + HOUR_MS);
      const window = { from: new Date(hour), to: new Date(hour + HOUR_MS) };
      await app.get(AnalysisService).analyze(window, 'full');
      const flagged = await query<{ rule: string }>('SELECT rule FROM suspicious_ips WHERE ip = :ip AND window_start = :from', {
        ip,
        from: window.from,
      });
      expect(flagged.map((row) => row.rule)).toContain(rule);
    }
  });

  it('does nothing on a second run and says so, through the class and the real binary (exit code 0)', async () => {
    const before = await tableCounts();
    await app.get(DbSeedCommand).run([], { demo: true });
    expect(lines).toEqual(['The demo data is already there (owner@demo.nexus.example exists); nothing to do.']);
    const run = await collect(spawnEntry('apps/cli/src/main.ts', ['db:seed', '--demo'], env)).done;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('The demo data is already there');
    expect(await tableCounts()).toEqual(before);
  }, 60_000);

  it('the real binary refuses a database whose migrations have not run, exit code 1', async () => {
    const empty = await createTestDatabase();
    try {
      const run = await collect(
        spawnEntry('apps/cli/src/main.ts', ['db:seed', '--demo'], { ...env, DATABASE_URL: empty.url, DATABASE_AUTO_MIGRATE: 'false' }),
      ).done;
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('The database has pending migrations: run `npm run cli -- migration:run` first');
    } finally {
      await empty.drop();
    }
  }, 60_000);

  it('refuses to run without --demo, or with a --password the policy rejects, before writing anything', async () => {
    const before = await tableCounts();
    const command = app.get(DbSeedCommand);
    await expect(command.run([], {})).rejects.toThrow('db:seed writes demo data only, and only when asked: pass --demo');
    await expect(command.run([], { demo: true, password: 'password1234' })).rejects.toThrow(/--password: password is too common/);
    await expect(command.run([], { demo: true, password: 'short' })).rejects.toThrow(/--password: password must be at least 12/);
    const inProduction = new DbSeedCommand(
      app.get(DemoSeedService),
      dataSource,
      app.get(CliOutput),
      AppConfig.forTest({ NODE_ENV: 'production', JWT_ACCESS_SECRET: 'x'.repeat(32) }),
    );
    await expect(inProduction.run([], { demo: true })).rejects.toThrow(/NODE_ENV is production: pass --password/);
    expect(lines).toEqual([]);
    expect(await tableCounts()).toEqual(before);
  });
});
