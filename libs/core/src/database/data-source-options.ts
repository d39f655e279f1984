import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseKind } from '../config/database-url';
import { mysqlMigrations } from './migrations/mysql';
import { postgresMigrations } from './migrations/postgres';
import { sqliteMigrations } from './migrations/sqlite';

export const MIGRATIONS: Record<DatabaseKind, DataSourceOptions['migrations']> = {
  sqlite: sqliteMigrations,
  mysql: mysqlMigrations,
  postgres: postgresMigrations,
};

const MIGRATIONS_TABLE = 'schema_migrations';

let pgUtcConfigured = false;

/**
 * PostgreSQL `timestamp` columns carry no zone: make node-postgres write and
 * read them as UTC whatever the host's TZ, so stored times are always UTC.
 */
function configurePgUtc(): void {
  if (pgUtcConfigured) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  pg.defaults.parseInputDatesAsUTC = true;
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (value: string) => new Date(`${value.replace(' ', 'T')}Z`));
  pgUtcConfigured = true;
}

/** TypeORM options for the configured database, shared by the apps, the CLI and tests. */
export function buildDataSourceOptions(config: AppConfig, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  const db = config.database;
  const common = {
    entities,
    migrations: MIGRATIONS[db.kind],
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    logging: ['error'] as ('error' | 'warn')[],
  };
  switch (db.kind) {
    case 'sqlite': {
      const path = db.sqlitePath ?? ':memory:';
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      return {
        ...common,
        type: 'better-sqlite3',
        database: path,
        enableWAL: path !== ':memory:',
        prepareDatabase: (sqlite: { pragma(source: string): unknown }) => {
          sqlite.pragma('busy_timeout = 5000');
          sqlite.pragma('foreign_keys = ON');
          // Every commit reaches the disk before it returns, power loss included: invoices, numbers and payments
          // are money. Said explicitly because SQLite's own default in WAL mode (this build's NORMAL) applies
          // only to files already in WAL mode when opened, so a new database and a reopened one would differ.
          // The request log alone commits with NORMAL (RequestLogsRepository), as its rows wait in memory anyway.
          sqlite.pragma('synchronous = FULL');
        },
      };
    }
    case 'mysql':
      return {
        ...common,
        type: db.flavor === 'mariadb' ? 'mariadb' : 'mysql',
        url: db.url.replace(/^mariadb:/, 'mysql:'),
        timezone: 'Z',
        charset: 'utf8mb4_unicode_ci',
        supportBigNumbers: true,
        bigNumberStrings: false,
        poolSize: db.poolSize,
        extra: { connectionLimit: db.poolSize },
      };
    case 'postgres':
      configurePgUtc();
      return {
        ...common,
        type: 'postgres',
        url: db.url,
        poolSize: db.poolSize,
        extra: { max: db.poolSize, options: '-c TimeZone=UTC' },
      };
  }
}
