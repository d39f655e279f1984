export type DatabaseKind = 'sqlite' | 'mysql' | 'postgres';

export interface DatabaseSettings {
  kind: DatabaseKind;
  /** `mariadb` when the URL says mariadb://: TypeORM reads MariaDB's catalog differently from MySQL's. */
  flavor?: 'mysql' | 'mariadb';
  /** The URL as configured (credentials included); never log it, use `redacted`. */
  url: string;
  /** `DATABASE_URL` with the password masked, safe for logs. */
  redacted: string;
  /** SQLite only: file path, or `:memory:`. */
  sqlitePath?: string;
}

/**
 * Parses `DATABASE_URL`: `sqlite:<path>` (or `sqlite::memory:`), `mysql://`,
 * `mariadb://`, `postgres://` or `postgresql://`.
 */
export function parseDatabaseUrl(raw: string): DatabaseSettings {
  const value = raw.trim();
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new Error('expected sqlite:<file path> or sqlite::memory:');
    return { kind: 'sqlite', url: value, redacted: value, sqlitePath: path };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `expected a URL such as sqlite:./data/nexus.sqlite, mysql://user:pass@host:3306/db or postgres://user@host:5432/db, got "${value}"`,
    );
  }
  const scheme = url.protocol.replace(/:$/, '');
  const kinds: Record<string, DatabaseKind> = {
    mysql: 'mysql',
    mariadb: 'mysql',
    postgres: 'postgres',
    postgresql: 'postgres',
  };
  const kind = kinds[scheme];
  if (!kind) throw new Error(`unsupported scheme "${scheme}:"; expected sqlite:, mysql://, mariadb:// or postgres://`);
  if (!url.hostname) throw new Error('expected a host name in the URL');
  if (url.pathname.length <= 1) throw new Error('expected a database name in the URL path, e.g. /nexus');
  const redacted = url.password ? value.replace(`:${url.password}@`, ':***@') : value;
  return { kind, flavor: kind === 'mysql' ? (scheme === 'mariadb' ? 'mariadb' : 'mysql') : undefined, url: value, redacted };
}
