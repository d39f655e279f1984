import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { TransactionRunner } from './transaction-runner';

/**
 * The TypeORM connection. Entities are registered by each domain module with
 * `TypeOrmModule.forFeature`; migrations run at start only where configured
 * (the embedded SQLite default), otherwise at deploy with `npm run migration:run`.
 */
@Global()
@Module({
  providers: [TransactionRunner],
  exports: [TransactionRunner],
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config),
        autoLoadEntities: true,
        migrationsRun: config.database.autoMigrate,
        retryAttempts: config.mode === 'services' ? 10 : 0,
        retryDelay: 1000,
      }),
    }),
  ],
})
export class DatabaseModule {}
