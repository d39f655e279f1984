// `npm run bench [-- scenario ...]`: starts the bare Nest-Fastify app and the built API in child
// processes, runs the scenarios against both from this process, prints a table, writes
// bench/results/<timestamp>.json and exits 1 when a scenario misses its target.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readdirSync, rmSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { apiEnvironment, describeApiEnvironment } = require('./lib/api-env');
const { compareToBaseline } = require('./lib/compare');
const { freePort } = require('./lib/free-port');
const { LOAD_DEFAULTS, measure } = require('./lib/load');
const { formatTable, writeResults } = require('./lib/report');
const { startServer, stopAllServers } = require('./lib/server-process');

const ROOT = join(__dirname, '..');
const API_ENTRY = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const BARE_APP = join(__dirname, 'bare-app.js');
const SCENARIO_DIR = join(__dirname, 'scenarios');
const RESULTS_DIR = join(__dirname, 'results');
const HOST = '127.0.0.1';

const log = (message) => process.stderr.write(`${message}\n`);

/** Every `scenarios/*.js` module exports one scenario or an array of them. */
function loadScenarios() {
  const scenarios = readdirSync(SCENARIO_DIR)
    .filter((file) => file.endsWith('.js'))
    .sort()
    .flatMap((file) => [].concat(require(join(SCENARIO_DIR, file))));
  const seen = new Set();
  for (const scenario of scenarios) {
    if (seen.has(scenario.name)) throw new Error(`two scenarios are named "${scenario.name}"`);
    seen.add(scenario.name);
  }
  return scenarios;
}

function selectScenarios(all, names) {
  if (names.length === 0) return all;
  const unknown = names.filter((name) => !all.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown scenario(s): ${unknown.join(', ')}; available: ${all.map((s) => s.name).join(', ')}`);
  }
  return all.filter((s) => names.includes(s.name));
}

async function startServers({ mode, tmpDir, verbose }) {
  const [barePort, apiPort] = [await freePort(HOST), await freePort(HOST)];
  const apiEnv = apiEnvironment({ mode, port: apiPort, host: HOST, tmpDir });
  const started = await Promise.allSettled([
    startServer({
      name: 'bare',
      script: BARE_APP,
      cwd: ROOT,
      env: { ...process.env, PORT: String(barePort), HOST },
      readyUrl: `http://${HOST}:${barePort}/health/live`,
      verbose,
    }),
    startServer({ name: 'api', script: API_ENTRY, cwd: ROOT, env: apiEnv, readyUrl: `http://${HOST}:${apiPort}/health/ready`, verbose }),
  ]);
  const failure = started.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason; // the caller stops whichever server did start
  return {
    baselineUrl: `http://${HOST}:${barePort}`,
    apiUrl: `http://${HOST}:${apiPort}`,
    api: describeApiEnvironment(apiEnv),
  };
}

async function runScenario(scenario, ctx) {
  log(`\n▶ ${scenario.name}: ${scenario.description ?? ''}`);
  try {
    return await scenario.run(ctx);
  } catch (error) {
    log(`✖ ${scenario.name} failed: ${error.stack ?? error}`);
    return { name: scenario.name, target: scenario.target, pass: false, problems: [`error: ${error.message}`] };
  }
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

async function main() {
  const startedAt = new Date().toISOString();
  const mode = process.env.BENCH_MODE || 'embedded';
  let scenarios;
  try {
    scenarios = selectScenarios(loadScenarios(), process.argv.slice(2));
  } catch (error) {
    // A usage error, not a measurement: fail even with BENCH_NO_FAIL, so a typo never reads as a pass.
    log(error.message);
    process.exitCode = 2;
    return;
  }
  const tmpDir = mkdtempSync(join(os.tmpdir(), 'nexus-bench-'));
  const cleanUp = () => rmSync(tmpDir, { recursive: true, force: true });
  const onSignal = (signal) => {
    log(`\n${signal}: stopping servers…`);
    stopAllServers()
      .finally(cleanUp)
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);

  const results = [];
  let setup;
  try {
    log(`Starting the bare app and the API (${mode} mode)…`);
    setup = await startServers({ mode, tmpDir, verbose: process.env.BENCH_VERBOSE === '1' });
    log(
      `bare: ${setup.baselineUrl}  api: ${setup.apiUrl}  load: ${LOAD_DEFAULTS.connections} connections, ` +
        `${LOAD_DEFAULTS.warmup} s warm-up + ${LOAD_DEFAULTS.duration} s per run`,
    );
    const ctx = {
      mode,
      apiUrl: setup.apiUrl,
      baselineUrl: setup.baselineUrl,
      autocannon: measure,
      compare: (scenario, options) => compareToBaseline(scenario, { log, ...options }),
      log,
    };
    for (const scenario of scenarios) results.push(await runScenario(scenario, ctx));
  } finally {
    await stopAllServers();
    cleanUp();
  }

  console.log(`\n${formatTable(results)}`);
  const file = writeResults(RESULTS_DIR, {
    startedAt,
    finishedAt: new Date().toISOString(),
    commit: gitCommit(),
    mode,
    api: setup.api,
    machine: { node: process.version, platform: process.platform, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model },
    load: LOAD_DEFAULTS,
    results,
  });
  console.log(`\nResults written to ${file}`);

  const failed = results.filter((r) => !r.pass);
  if (failed.length > 0) {
    console.log(`${failed.length} scenario(s) missed their target: ${failed.map((r) => r.name).join(', ')}`);
    if (process.env.BENCH_NO_FAIL !== '1') process.exitCode = 1;
  }
}

main().catch((error) => {
  log(`Benchmark failed: ${error.stack ?? error}`);
  process.exitCode = process.env.BENCH_NO_FAIL === '1' ? 0 : 1;
});
