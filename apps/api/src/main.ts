import { exitOnStartupFailure, installShutdownDeadline, loadConfigOrExit } from '@nexus/core';
import { Logger } from 'nestjs-pino';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp(config);
  installShutdownDeadline(config.shutdownTimeoutMs);
  await app.listen({ port: config.port, host: config.host });
  app
    .get(Logger)
    .log(`Nexus API listening on http://${config.host}:${config.port} (${config.mode} mode, ${config.database.kind}); docs at /docs`);
}

main().catch(exitOnStartupFailure('Nexus API'));
