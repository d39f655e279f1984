const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { apiEnvironment, describeApiEnvironment, servicesDatabaseServer } = require('./api-env');
const { createBenchDatabase } = require('./bench-database');
const { freePort } = require('./free-port');
const { startServer, stopServer } = require('./server-process');

const run = promisify(execFile);

/**
 * The API processes of one benchmark run, each on its own fresh database.
 * `get('api')` is the API every scenario shares; a scenario that needs a
 * different state (100k IP rules) asks for a named variant with `get(name,
 * spec)`: started on first use, shared by later scenarios asking for the same
 * name, stopped by `release` once no remaining scenario lists it, its
 * database dropped at the end of the run, so the shared API never sees the
 * variant's data.
 *
 * A variant's `prepare(db)` runs after the migrations and before the API
 * starts, so its data is loaded by the API's own start-up, not by a reload.
 */
class ApiProcesses {
  constructor({ mode, tmpDir, host, root, apiEntry, cliEntry, verbose, log = () => {} }) {
    Object.assign(this, { mode, tmpDir, host, root, apiEntry, cliEntry, verbose, log });
    this.started = new Map();
    this.described = []; // APIs already stopped
    this.databases = [];
  }

  /** Starts (once) the API named `name`; `spec`: `{ env, prepare }`. Resolves to `{ name, url, pid, … }`. */
  get(name, spec = {}) {
    if (!this.started.has(name)) {
      const starting = this.start(name, spec);
      starting.catch(() => this.started.delete(name)); // a later scenario may try again
      this.started.set(name, starting);
    }
    return this.started.get(name);
  }

  async start(name, { env: overrides = {}, prepare } = {}) {
    const db = await createBenchDatabase({ mode: this.mode, tmpDir: this.tmpDir, label: name, serverUrl: servicesDatabaseServer() });
    this.databases.push(db);
    const port = await freePort(this.host);
    const env = apiEnvironment({ mode: this.mode, port, host: this.host, databaseUrl: db.url, label: name, overrides });
    if (prepare) {
      await this.migrate(env);
      await prepare(db);
    }
    if (name !== 'api') this.log(`starting API variant ${name}…`);
    const server = await startServer({
      name,
      script: this.apiEntry,
      cwd: this.root,
      env,
      readyUrl: `http://${this.host}:${port}/health/ready`,
      verbose: this.verbose,
    });
    return { name, url: `http://${this.host}:${port}`, pid: server.child.pid, server, describe: describeApiEnvironment(env, overrides) };
  }

  /** The API's schema, through the CLI (`migration:run`), with the environment the API will have. */
  async migrate(env) {
    try {
      await run(process.execPath, [this.cliEntry, 'migration:run'], { cwd: this.root, env, timeout: 120_000 });
    } catch (error) {
      throw new Error(`migration:run failed: ${error.stderr || error.message}`, { cause: error });
    }
  }

  /**
   * Stops the variants no remaining scenario needs (scenarios list theirs in `apis`), so an idle
   * variant's timers (rule reloads, log flushes) never take CPU from later measurements.
   * The shared API (`api`) runs to the end.
   */
  async release(stillNeeded) {
    for (const [name, starting] of this.started) {
      if (name === 'api' || stillNeeded.has(name)) continue;
      const api = await starting.catch(() => null);
      if (!api) continue;
      this.described.push({ name, ...api.describe });
      this.started.delete(name);
      await stopServer(api.server);
      this.log(`stopped API variant ${name}: no remaining scenario needs it`);
    }
  }

  /** Every API's setup, for the results file. */
  async describe() {
    const settled = await Promise.allSettled(this.started.values());
    const running = settled.filter((s) => s.status === 'fulfilled').map((s) => ({ name: s.value.name, ...s.value.describe }));
    return [...running, ...this.described];
  }

  /** Stops every API this run started, then drops their databases. */
  async stopAll() {
    const settled = await Promise.allSettled(this.started.values());
    await Promise.all(settled.filter((s) => s.status === 'fulfilled').map((s) => stopServer(s.value.server)));
    for (const db of this.databases.splice(0)) {
      await db.drop().catch((error) => process.stderr.write(`could not drop a bench database: ${error.message}\n`));
    }
  }
}

module.exports = { ApiProcesses };
