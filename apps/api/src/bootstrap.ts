import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { DynamicModule, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, REQUEST_ID_HEADER, requestIdGenerator } from '@nexus/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { API_PREFIX, setupOpenApi } from './openapi';

/** Routes served outside `/api/v1`: probes and scrapes. */
const UNPREFIXED = [
  { path: 'health/live', method: RequestMethod.GET },
  { path: 'health/ready', method: RequestMethod.GET },
];

/**
 * Builds the HTTP application with the whole production pipeline, not yet
 * listening. `main.ts` and the e2e tests both use it.
 */
export async function createApiApp(config: AppConfig, extraModules: (Type | DynamicModule)[] = []): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: requestIdGenerator(config.trustProxy),
    requestIdHeader: false,
    return503OnClosing: true,
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, extraModules), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);

  const fastify = app.getHttpAdapter().getInstance();
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  // During shutdown, answers to in-flight requests end their keep-alive connections,
  // so the server closes as soon as they are done rather than after the keep-alive timeout.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
        scriptSrc: [`'self'`],
        frameAncestors: [`'none'`],
      },
    },
  });
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins,
      credentials: true,
      exposedHeaders: ['X-Request-Id', 'ETag', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'Location'],
    });
  }
  await app.register(cookie);

  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED });
  if (config.docsEnabled) setupOpenApi(app);
  app.enableShutdownHooks();
  if (config.trustProxy === true) {
    logger.warn(
      'TRUST_PROXY=true trusts X-Forwarded-For from any peer: clients can choose their own IP. Set a hop count or the proxy CIDRs.',
    );
  }
  return app;
}
