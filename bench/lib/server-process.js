/* global fetch, AbortSignal */
const { spawn } = require('node:child_process');
const { setTimeout: sleep } = require('node:timers/promises');

const READY_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 200;
const STOP_TIMEOUT_MS = 15_000; // above the API's default SHUTDOWN_TIMEOUT of 10 s
const OUTPUT_TAIL_CHARS = 4_000;

/** Every server started and not yet exited, so an interrupted run can stop them all, ready or not. */
const running = new Set();

/**
 * Starts `node <script>` as a child process and resolves once `readyUrl`
 * answers 200. Output is kept (last few KB) to explain a failed start, or
 * streamed when `verbose` is set.
 */
async function startServer({ name, script, args = [], env, cwd, readyUrl, verbose = false, timeoutMs = READY_TIMEOUT_MS }) {
  const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-OUTPUT_TAIL_CHARS);
    if (verbose) process.stderr.write(`[${name}] ${chunk}`);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const server = { name, child, exited, stop: () => stopServer(server), output: () => output };
  running.add(server);
  exited.then(() => running.delete(server));
  try {
    await waitUntilOk(readyUrl, timeoutMs, exited);
  } catch (error) {
    await server.stop();
    throw new Error(`${name} did not become ready: ${error.message}\n--- ${name} output ---\n${output}`, { cause: error });
  }
  return server;
}

/** Polls `url` until it answers 200; gives up after `timeoutMs` or as soon as the process exits. */
async function waitUntilOk(url, timeoutMs, exited) {
  const deadline = Date.now() + timeoutMs;
  let exit = null;
  exited.then((result) => (exit = result));
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (exit) throw new Error(`process exited early (code ${exit.code}, signal ${exit.signal})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = error.cause?.code ?? error.message;
    }
    await sleep(POLL_INTERVAL_MS);
  }
  throw new Error(`${url} still not 200 after ${timeoutMs / 1000} s (${lastProblem})`);
}

/** SIGTERM, then wait for the exit; SIGKILL if the graceful shutdown hangs. */
async function stopServer({ child, exited }) {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  const timer = sleep(STOP_TIMEOUT_MS, 'timeout', { ref: false });
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
  }
  return exited;
}

function stopAllServers() {
  return Promise.all([...running].map(stopServer));
}

module.exports = { startServer, stopServer, stopAllServers, waitUntilOk };
