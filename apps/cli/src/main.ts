import { exitOnStartupFailure, loadConfigOrExit } from '@nexus/core';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';

async function main(): Promise<void> {
  // The CLI applies migrations only when asked (migration:run).
  const config = loadConfigOrExit({ DATABASE_AUTO_MIGRATE: 'false', LOG_LEVEL: 'warn' });
  await CommandFactory.run(CliModule.forRoot(config), {
    logger: ['error', 'warn'],
    errorHandler: (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  });
}

main().catch(exitOnStartupFailure('Nexus CLI'));
