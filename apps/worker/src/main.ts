import { NestFactory } from '@nestjs/core';
import { exitOnStartupFailure, installShutdownDeadline, loadConfigOrExit } from '@nexus/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.mode !== 'services') {
    process.stderr.write('The worker needs REDIS_URL: in embedded mode the API runs jobs itself.\n');
    process.exit(78);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  installShutdownDeadline(config.shutdownTimeoutMs);
  app.get(Logger).log('Nexus worker started: processing queues and owning the schedule');
}

main().catch(exitOnStartupFailure('Nexus worker'));
