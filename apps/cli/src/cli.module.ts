import { DynamicModule, Module } from '@nestjs/common';
import { AnomalyModule } from '@nexus/anomaly';
import { AuthModule } from '@nexus/auth';
import { AppConfig, CoreModule } from '@nexus/core';
import { InvoicesModule } from '@nexus/invoices';
import { IpTrackingModule } from '@nexus/ip-tracking';
import { CliOutput } from './cli-output';
import { AnalysisRunCommand } from './commands/analysis.command';
import { DbSeedCommand } from './commands/db-seed.command';
import { MigrationRunCommand, MigrationShowCommand } from './commands/migration.commands';
import { IpBlockCommand, IpListCommand, IpUnblockCommand } from './commands/ip.commands';
import { UserCreateCommand } from './commands/user-create.command';
import { DemoAccountsSeeder } from './demo-seed/demo-accounts.seeder';
import { DemoInvoicesSeeder } from './demo-seed/demo-invoices.seeder';
import { DemoRequestLogsSeeder } from './demo-seed/demo-request-logs.seeder';
import { DemoSeedService } from './demo-seed/demo-seed.service';
import { CliProgress } from './progress-bar';

/** The operator's command line: `npm run cli -- <command>`. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        CoreModule.forRoot(config, { processJobs: config.mode === 'embedded', schedule: false }),
        AuthModule,
        IpTrackingModule,
        AnomalyModule,
        InvoicesModule,
      ],
      providers: [
        CliOutput,
        CliProgress,
        MigrationRunCommand,
        MigrationShowCommand,
        UserCreateCommand,
        IpBlockCommand,
        IpUnblockCommand,
        IpListCommand,
        AnalysisRunCommand,
        DbSeedCommand,
        DemoSeedService,
        DemoAccountsSeeder,
        DemoInvoicesSeeder,
        DemoRequestLogsSeeder,
      ],
    };
  }
}
