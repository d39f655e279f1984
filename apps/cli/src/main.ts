import { exitOnStartupFailure, loadConfigOrExit } from '@nexus/core';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';

function fail(error: Error): never {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  // The CLI applies migrations only when asked (migration:run).
  const config = loadConfigOrExit({ DATABASE_AUTO_MIGRATE: 'false', LOG_LEVEL: 'warn' });
  await CommandFactory.run(CliModule.forRoot(config), {
    logger: ['error', 'warn'],
    // Parse errors (unknown command or option) and errors thrown by a command both exit 1.
    errorHandler: (error) => {
      // Commander has already printed its message (and --help exits 0).
      const { code, exitCode } = error as Error & { code?: string; exitCode?: number };
      if (code?.startsWith('commander.')) process.exit(exitCode ?? 1);
      fail(error);
    },
    serviceErrorHandler: (error) => fail(error),
  });
}

main().catch(exitOnStartupFailure('Nexus CLI'));
