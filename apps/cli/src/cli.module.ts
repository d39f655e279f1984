import { DynamicModule, Module } from '@nestjs/common';
import { AnomalyModule } from '@nexus/anomaly';
import { AuthModule } from '@nexus/auth';
import { AppConfig, CoreModule } from '@nexus/core';
import { IpTrackingModule } from '@nexus/ip-tracking';
import { CliOutput } from './cli-output';
import { AnalysisRunCommand } from './commands/analysis.command';
import { MigrationRunCommand, MigrationShowCommand } from './commands/migration.commands';
import { IpBlockCommand, IpListCommand, IpUnblockCommand } from './commands/ip.commands';
import { UserCreateCommand } from './commands/user-create.command';

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
      ],
      providers: [
        CliOutput,
        MigrationRunCommand,
        MigrationShowCommand,
        UserCreateCommand,
        IpBlockCommand,
        IpUnblockCommand,
        IpListCommand,
        AnalysisRunCommand,
      ],
    };
  }
}
