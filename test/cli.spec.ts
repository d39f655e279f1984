import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthService } from '@nexus/auth';
import { AppConfig } from '@nexus/core';
import { DataSource } from 'typeorm';
import { CliOutput } from '../apps/cli/src/cli-output';
import { CliModule } from '../apps/cli/src/cli.module';
import { MigrationRunCommand, MigrationShowCommand } from '../apps/cli/src/commands/migration.commands';
import { IpBlockCommand, IpListCommand, IpUnblockCommand } from '../apps/cli/src/commands/ip.commands';
import { UserCreateCommand } from '../apps/cli/src/commands/user-create.command';
import { IpRulesService } from '@nexus/ip-tracking';
import { collect, spawnEntry } from './support/spawn';
import { waitUntil } from './support/ip-helpers';
import { startTestApp, TEST_JWT_SECRET } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** The command-line tool against the embedded database: each command through its class, and the real binary once. */
describe('CLI (embedded database)', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('embedded');
    const config = AppConfig.forTest({ DATABASE_URL: database.url, DATABASE_AUTO_MIGRATE: 'false', JWT_ACCESS_SECRET: TEST_JWT_SECRET });
    const moduleRef = await Test.createTestingModule({ imports: [CliModule.forRoot(config)] })
      .overrideProvider(CliOutput)
      .useValue({ line: (text: string) => lines.push(text) })
      .compile();
    app = await moduleRef.init();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  beforeEach(() => lines.splice(0));

  it('migration:show lists pending migrations, migration:run applies them, and a second run has nothing to do', async () => {
    await app.get(MigrationShowCommand).run();
    expect(lines.some((l) => /^\[ \] Auth\d+$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/migrations, [1-9]\d* pending/);

    lines.splice(0);
    await app.get(MigrationRunCommand).run();
    expect(lines.some((l) => /^Applied Auth\d+$/.test(l))).toBe(true);
    expect(await app.get(DataSource).showMigrations()).toBe(false);

    lines.splice(0);
    await app.get(MigrationRunCommand).run();
    expect(lines).toEqual(['No pending migrations; the schema is up to date.']);
    lines.splice(0);
    await app.get(MigrationShowCommand).run();
    expect(lines.at(-1)).toMatch(/, 0 pending/);
  });

  it('user:create --operator creates an account with the operator platform role and no organization', async () => {
    await app.get(UserCreateCommand).run([], { email: 'Ops@Example.com', password: 'night-shift-keeper-2031', operator: true });
    expect(lines[0]).toMatch(/^Created operator ops@example.com \([0-9a-f-]{36}\)$/);
    const account = await app
      .get(AuthService)
      .me((await app.get(DataSource).query(`SELECT id FROM users WHERE email = 'ops@example.com'`))[0].id);
    expect(account).toMatchObject({ user: { email: 'ops@example.com', platformRole: 'operator' }, organization: null, role: null });
  });

  it('user:create refuses a weak password, a duplicate email, a missing --operator and a malformed email', async () => {
    const command = app.get(UserCreateCommand);
    await expect(command.run([], { email: 'weak@example.com', password: 'password1234', operator: true })).rejects.toThrow(
      /--password: password is too common/,
    );
    await expect(command.run([], { email: 'ops@example.com', password: 'another-long-secret-77', operator: true })).rejects.toThrow(
      /already exists/,
    );
    await expect(command.run([], { email: 'x@example.com', password: 'another-long-secret-77' })).rejects.toThrow(/--operator/);
    for (const email of ['not-an-address', 'ops@', `${'a'.repeat(250)}@example.com`]) {
      await expect(command.run([], { email, password: 'another-long-secret-77', operator: true })).rejects.toThrow(
        /--email: .* is not an email address/,
      );
    }
  });

  it('ip:block, ip:list and ip:unblock manage rules the edge enforces', async () => {
    const rules = app.get(IpRulesService);
    await app.get(IpBlockCommand).run(['203.0.113.77/24'], { for: 3600, reason: 'scanner' });
    expect(lines[0]).toMatch(/^Blocked 203\.0\.113\.0\/24 \(cidr\) until \d{4}-\d\d-\d\dT.+Z \[[0-9a-f-]{36}\]$/);
    await app.get(IpBlockCommand).run(['ru'], {});
    expect(lines[1]).toMatch(/^Blocked RU \(country\) permanently/);
    expect(rules.decide('203.0.113.5', () => null).action).toBe('block');
    expect(rules.decide('198.51.100.1', () => 'RU').action).toBe('block');

    lines.splice(0);
    await app.get(IpListCommand).run();
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toMatch(/block +203\.0\.113\.0\/24 +manual .*scanner/);

    lines.splice(0);
    await app.get(IpUnblockCommand).run(['203.0.113.0/24']);
    expect(lines).toEqual(['Unblocked 203.0.113.0/24 (1 rule removed)']);
    expect(rules.decide('203.0.113.5', () => null).action).toBe('none');
    await expect(app.get(IpUnblockCommand).run(['203.0.113.0/24'])).rejects.toThrow(/No active block rule on 203\.0\.113\.0\/24/);
    await expect(app.get(IpBlockCommand).run(['not-an-address'], {})).rejects.toThrow(/did not validate|target/);
  });

  it('the real binary runs a command and exits non-zero on errors', async () => {
    const env = { DATABASE_URL: database.url };
    const ok = await collect(spawnEntry('apps/cli/src/main.ts', ['migration:show'], env)).done;
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/, 0 pending/);
    const bad = await collect(
      spawnEntry(
        'apps/cli/src/main.ts',
        ['user:create', '--operator', '--email', 'ops@example.com', '--password', 'another-long-secret-77'],
        env,
      ),
    ).done;
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/already exists/);
  });

  it('a rule ip:block writes from its own process is enforced by a running embedded API within about a second', async () => {
    const api = await startTestApp({ database, env: { TRUST_PROXY: '127.0.0.1' } });
    try {
      const from = { headers: { 'x-forwarded-for': '203.0.113.99' } };
      expect((await api.http.get('/health/live', from)).status).toBe(200);
      const blocked = await collect(
        spawnEntry('apps/cli/src/main.ts', ['ip:block', '203.0.113.99', '--reason', 'cli test'], { DATABASE_URL: database.url }),
      ).done;
      expect(blocked.code).toBe(0);
      // No change notice reaches the API in embedded mode: it sees the CLI's commit on the database file.
      const waited = await waitUntil(async () => (await api.http.get('/health/live', from)).status === 403, 5_000, 100);
      expect(waited).toBeLessThan(2_000);
    } finally {
      await api.close();
    }
  });
});
