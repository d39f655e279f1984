// `npm run bench [-- scenario ...]`: starts the bare Nest-Fastify app and the built API in child
// processes, runs the scenarios against both from this process, prints a table, writes
// bench/results/<timestamp>.json and exits 1 when a scenario misses its target.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readdirSync, rmSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { ApiProcesses } = require('./lib/api-processes');
const { compareToBaseline } = require('./lib/compare');
const { freePort } = require('./lib/free-port');
const { LOAD_DEFAULTS, measure } = require('./lib/load');
const { formatTable, writeResults } = require('./lib/report');
const { startServer, stopAllServers } = require('./lib/server-process');

const ROOT = join(__dirname, '..');
const API_ENTRY = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const CLI_ENTRY = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
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

async function startServers({ apis, verbose }) {
  const barePort = await freePort(HOST);
  const started = await Promise.allSettled([
    startServer({
      name: 'bare',
      script: BARE_APP,
      cwd: ROOT,
      env: { ...process.env, PORT: String(barePort), HOST },
      readyUrl: `http://${HOST}:${barePort}/health/live`,
      verbose,
    }),
    apis.get('api'),
  ]);
  const failure = started.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason; // the caller stops whichever server did start
  return {
    baselineUrl: `http://${HOST}:${barePort}`,
    baselinePid: started[0].value.child.pid,
    apiUrl: started[1].value.url,
    apiPid: started[1].value.pid,
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

/** 1-, 5- and 15-minute load averages, rounded: other work on the machine skews every number. */
function loadAverage() {
  return os.loadavg().map((value) => Math.round(value * 100) / 100);
}

async function main() {
  const startedAt = new Date().toISOString();
  const loadAtStart = loadAverage();
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
  const verbose = process.env.BENCH_VERBOSE === '1';
  const apis = new ApiProcesses({ mode, tmpDir, host: HOST, root: ROOT, apiEntry: API_ENTRY, cliEntry: CLI_ENTRY, verbose, log });
  const cleanUp = () => rmSync(tmpDir, { recursive: true, force: true });
  const onSignal = (signal) => {
    log(`\n${signal}: stopping servers…`);
    stopAllServers()
      .then(() => apis.stopAll())
      .finally(cleanUp)
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);

  const results = [];
  let setup;
  let apiSetup = [];
  try {
    log(`Starting the bare app and the API (${mode} mode), load average ${loadAtStart.join(' ')}…`);
    setup = await startServers({ apis, verbose });
    log(
      `bare: ${setup.baselineUrl}  api: ${setup.apiUrl}  load: ${LOAD_DEFAULTS.connections} connections, ` +
        `${LOAD_DEFAULTS.warmup} s warm-up + ${LOAD_DEFAULTS.duration} s per run`,
    );
    const ctx = {
      mode,
      apiUrl: setup.apiUrl,
      apiPid: setup.apiPid,
      baselineUrl: setup.baselineUrl,
      baselinePid: setup.baselinePid,
      autocannon: measure,
      compare: (scenario, options) => compareToBaseline(scenario, { log, ...options }),
      api: (name, spec) => apis.get(name, spec),
      log,
    };
    for (const [index, scenario] of scenarios.entries()) {
      results.push(await runScenario(scenario, ctx));
      await apis.release(new Set(scenarios.slice(index + 1).flatMap((s) => s.apis ?? [])));
    }
  } finally {
    apiSetup = await apis.describe();
    await stopAllServers();
    await apis.stopAll();
    cleanUp();
  }

  const loadAtEnd = loadAverage();
  console.log(`\n${formatTable(results)}`);
  console.log(
    `\nLoad average (1/5/15 min): ${loadAtStart.join(' ')} at start, ${loadAtEnd.join(' ')} at the end (${os.cpus().length} CPUs)`,
  );
  const file = writeResults(RESULTS_DIR, {
    startedAt,
    finishedAt: new Date().toISOString(),
    commit: gitCommit(),
    mode,
    apis: apiSetup,
    machine: {
      node: process.version,
      platform: process.platform,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverage: { start: loadAtStart, end: loadAtEnd },
    },
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
