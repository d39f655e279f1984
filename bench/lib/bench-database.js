/* global URL */
const { randomBytes } = require('node:crypto');
const { rmSync } = require('node:fs');
const { join } = require('node:path');

/** Rows per multi-row INSERT when a scenario loads data (7 columns: well under every driver's parameter limit). */
const INSERT_BATCH = 1_000;

/**
 * The database of one API process under test, created empty and dropped at the
 * end of the run, so a scenario that loads data (100k IP rules) never touches a
 * shared database and never leaks into the next scenario:
 * - embedded: `sqlite:<tmpDir>/<label>.sqlite` (tmpDir is removed by run.js);
 * - services: a uniquely named database on the server of `serverUrl`
 *   (BENCH_DATABASE_URL: MySQL/MariaDB or PostgreSQL), as the test suite does.
 *
 * `insertRows` writes straight to a table (the API's schema must exist: run its
 * migrations first), in multi-row inserts of INSERT_BATCH.
 */
async function createBenchDatabase({ mode, tmpDir, label, serverUrl }) {
  if (mode === 'embedded') {
    const file = join(tmpDir, `${label}.sqlite`);
    return {
      url: `sqlite:${file}`,
      insertRows: (table, columns, rows) => insertSqlite(file, table, columns, rows),
      drop: async () => rmSync(file, { force: true }),
    };
  }
  const name = `nexus_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}_${label.replace(/\W/g, '_')}`.slice(0, 63);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dialect = /^postgres(ql)?:$/.test(url.protocol) ? 'postgres' : 'mysql';
  const client = dialect === 'postgres' ? postgresClient(serverUrl) : mysqlClient(serverUrl);
  await client.admin(
    dialect === 'postgres' ? `CREATE DATABASE "${name}"` : `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  return {
    url: url.toString(),
    insertRows: (table, columns, rows) => client.insert(url.toString(), table, columns, rows),
    drop: () =>
      client.admin(dialect === 'postgres' ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` : `DROP DATABASE IF EXISTS \`${name}\``),
  };
}

function batches(rows) {
  const out = [];
  for (let i = 0; i < rows.length; i += INSERT_BATCH) out.push(rows.slice(i, i + INSERT_BATCH));
  return out;
}

function insertSqlite(file, table, columns, rows) {
  const Database = require('better-sqlite3');
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 10000');
    const row = `(${columns.map(() => '?').join(', ')})`;
    const statements = new Map();
    const insert = (batch) => {
      if (!statements.has(batch.length)) {
        const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array(batch.length).fill(row).join(', ')}`;
        statements.set(batch.length, db.prepare(sql));
      }
      statements.get(batch.length).run(batch.flat());
    };
    db.transaction(() => batches(rows).forEach(insert))();
  } finally {
    db.close();
  }
}

/** MariaDB/MySQL through mysql2; `mariadb://` URLs are the same protocol. */
function mysqlClient(serverUrl) {
  const mysql = require('mysql2/promise');
  const connect = (url) => mysql.createConnection(url.replace(/^mariadb:/, 'mysql:'));
  return {
    async admin(sql) {
      const connection = await connect(serverUrl);
      try {
        await connection.query(sql);
      } finally {
        await connection.end();
      }
    },
    async insert(url, table, columns, rows) {
      const connection = await connect(url);
      try {
        const sql = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`;
        for (const batch of batches(rows)) await connection.query(sql, [batch]);
      } finally {
        await connection.end();
      }
    },
  };
}

function postgresClient(serverUrl) {
  const { Client } = require('pg');
  const withClient = async (url, work) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    admin: (sql) => withClient(serverUrl, (client) => client.query(sql)),
    insert: (url, table, columns, rows) =>
      withClient(url, async (client) => {
        for (const batch of batches(rows)) {
          const values = batch.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
          await client.query(
            `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')}`,
            batch.flat(),
          );
        }
      }),
  };
}

module.exports = { createBenchDatabase };
