import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@nexus/auth';
import { AppConfig, CoreModule } from '@nexus/core';
import { CliOutput } from './cli-output';
import { MigrationRunCommand, MigrationShowCommand } from './commands/migration.commands';
import { UserCreateCommand } from './commands/user-create.command';

/** The operator's command line: `npm run cli -- <command>`. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [CoreModule.forRoot(config, { processJobs: config.mode === 'embedded', schedule: false }), AuthModule],
      providers: [CliOutput, MigrationRunCommand, MigrationShowCommand, UserCreateCommand],
    };
  }
}
