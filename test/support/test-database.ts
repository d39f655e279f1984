import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TestTarget = 'embedded' | 'mariadb' | 'postgres';

/** Which backing services this jest project runs against (see test/jest.services.config.js). */
export function testTarget(): TestTarget {
  const target = process.env.NEXUS_TEST_TARGET ?? 'embedded';
  if (target !== 'embedded' && target !== 'mariadb' && target !== 'postgres') throw new Error(`Unknown NEXUS_TEST_TARGET ${target}`);
  return target;
}

export const TEST_URLS = {
  mysql: process.env.TEST_MYSQL_URL ?? 'mariadb://root@127.0.0.1:3306/test',
  postgres: process.env.TEST_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test',
  redis: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
};

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function uniqueName(): string {
  return `nexus_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A new, empty, uniquely named database on the target server (a temp SQLite file when embedded). */
export async function createTestDatabase(target: TestTarget = testTarget()): Promise<TestDatabase> {
  const name = uniqueName();
  if (target === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'nexus-test-'));
    return { url: `sqlite:${join(dir, `${name}.sqlite`)}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (target === 'mariadb') {
    const mysql = await import('mysql2/promise');
    const serverUrl = TEST_URLS.mysql.replace(/^mariadb:/, 'mysql:');
    const admin = await mysql.createConnection(serverUrl);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    return {
      url: withDatabase(TEST_URLS.mysql, name),
      drop: async () => {
        const conn = await mysql.createConnection(serverUrl);
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await conn.end();
      },
    };
  }
  const { Client } = await import('pg');
  const admin = new Client({ connectionString: TEST_URLS.postgres });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: withDatabase(TEST_URLS.postgres, name),
    drop: async () => {
      const conn = new Client({ connectionString: TEST_URLS.postgres });
      await conn.connect();
      await conn.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await conn.end();
    },
  };
}
