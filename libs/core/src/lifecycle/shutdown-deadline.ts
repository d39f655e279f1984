/**
 * Nest's shutdown hooks close the server, queues and database on SIGTERM;
 * this guarantees the process is gone within the deadline even if one hangs.
 */
export function installShutdownDeadline(timeoutMs: number): void {
  const arm = (signal: NodeJS.Signals) => {
    const timer = setTimeout(() => {
      process.stderr.write(`Shutdown after ${signal} took longer than ${timeoutMs} ms; exiting\n`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}
