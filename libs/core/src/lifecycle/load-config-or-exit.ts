import { AppConfig, ConfigValidationError } from '../config/app-config';
import { ConfigModule } from '../config/config.module';

/** Entry points call this first: a bad variable stops the process before anything starts. */
export function loadConfigOrExit(overrides: Record<string, string> = {}): AppConfig {
  try {
    return ConfigModule.fromProcessEnv(overrides);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

export function exitOnStartupFailure(what: string) {
  return (error: unknown): never => {
    process.stderr.write(`${what} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  };
}
