import { Command, CommandRunner } from 'nest-commander';
import { DataSource, MigrationExecutor } from 'typeorm';
import { CliOutput } from '../cli-output';

@Command({ name: 'migration:run', description: 'Apply every pending migration, in one transaction' })
export class MigrationRunCommand extends CommandRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly out: CliOutput,
  ) {
    super();
  }

  async run(): Promise<void> {
    const applied = await this.dataSource.runMigrations({ transaction: 'all' });
    if (applied.length === 0) this.out.line('No pending migrations; the schema is up to date.');
    for (const migration of applied) this.out.line(`Applied ${migration.name}`);
  }
}

@Command({ name: 'migration:show', description: 'List migrations and whether each has been applied' })
export class MigrationShowCommand extends CommandRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly out: CliOutput,
  ) {
    super();
  }

  async run(): Promise<void> {
    const executor = new MigrationExecutor(this.dataSource);
    const executed = new Set((await executor.getExecutedMigrations()).map((m) => m.name));
    const all = this.dataSource.migrations.map((m) => m.name ?? m.constructor.name);
    for (const name of all) this.out.line(`${executed.has(name) ? '[X]' : '[ ]'} ${name}`);
    const pending = all.filter((name) => !executed.has(name)).length;
    this.out.line(`${all.length} migrations, ${pending} pending (${this.dataSource.options.type}).`);
  }
}
