import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

/**
 * The one place that reads `process.env`. Apps call `ConfigModule.forRoot()`;
 * tests pass an `AppConfig` built with `AppConfig.forTest(...)`.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig = ConfigModule.fromProcessEnv()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }

  /** `overrides` lets an entry point pin a value (the CLI never auto-migrates, say). */
  static fromProcessEnv(overrides: Record<string, string> = {}): AppConfig {
    return AppConfig.fromEnv({ ...process.env, ...overrides });
  }
}
