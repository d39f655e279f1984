import { passwordProblem } from '@nexus/auth';
import { AppConfig } from '@nexus/core';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import { CliOutput } from '../cli-output';
import { DEMO_MEMBERS, DEMO_PASSWORD } from '../demo-seed/demo-accounts.seeder';
import { DemoSeedService } from '../demo-seed/demo-seed.service';
import { demoSeedSummary } from '../demo-seed/demo-seed.summary';

interface DbSeedOptions {
  demo?: boolean;
  password?: string;
}

@Command({
  name: 'db:seed',
  description:
    'With --demo: an organization with owner, accountant and viewer, 50 customers, 500 invoices in every status and a day of request logs with a scanner and a brute-forcer (does nothing if already there)',
})
export class DbSeedCommand extends CommandRunner {
  constructor(
    private readonly seeder: DemoSeedService,
    private readonly dataSource: DataSource,
    private readonly out: CliOutput,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_args: string[], options: DbSeedOptions = {}): Promise<void> {
    // Demo accounts with a published password must never appear by accident.
    if (!options.demo) throw new Error('db:seed writes demo data only, and only when asked: pass --demo');
    if (this.config.nodeEnv === 'production' && options.password === undefined) {
      throw new Error('NODE_ENV is production: pass --password, the default demo password is published in the README');
    }
    const password = options.password ?? DEMO_PASSWORD;
    for (const member of DEMO_MEMBERS) {
      const problem = passwordProblem(password, { email: member.email });
      if (problem) throw new Error(`--password: ${problem}`);
    }
    // The CLI never migrates on its own, and a first run is exactly when the schema may not be there yet.
    if (await this.dataSource.showMigrations())
      throw new Error('The database has pending migrations: run `npm run cli -- migration:run` first');
    const report = await this.seeder.seed(password);
    if (!report) {
      this.out.line(`The demo data is already there (${DEMO_MEMBERS[0].email} exists); nothing to do.`);
      return;
    }
    for (const line of demoSeedSummary(report, { value: password, isDefault: options.password === undefined })) this.out.line(line);
  }

  @Option({ flags: '--demo', description: 'Seed the demo organization and its data (required)' })
  parseDemo(): boolean {
    return true;
  }

  @Option({
    flags: '--password <password>',
    description: `Password of the three demo users (default: the published ${DEMO_PASSWORD}); 12–128 characters, not a common one`,
  })
  parsePassword(value: string): string {
    return value;
  }
}
