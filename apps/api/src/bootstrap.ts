import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import { DynamicModule, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, REQUEST_ID_HEADER, requestContext, requestIdGenerator, trustProxyWarning } from '@nexus/core';
import { QUEUE_DASHBOARD_PATH } from '@nexus/ops';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { securityHeaders } from './http/security-headers';
import { API_PREFIX, setupOpenApi } from './openapi';

/** Routes served outside `/api/v1`: probes and scrapes. */
const UNPREFIXED = [
  { path: 'health/live', method: RequestMethod.GET },
  { path: 'health/ready', method: RequestMethod.GET },
  // Bull Board mounts itself under the global prefix unless its path is excluded (see libs/ops).
  { path: QUEUE_DASHBOARD_PATH, method: RequestMethod.ALL },
  { path: 'metrics', method: RequestMethod.GET },
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
  // During shutdown, connections whose in-flight request has finished are closed
  // at once, so the server need not wait out the keep-alive timeout (and no
  // per-request hook pays for this).
  fastify.addHook('preClose', (done) => {
    const server = fastify.server;
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.once('close', () => clearInterval(sweep));
    done();
  });
  const headers = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    reply.header(REQUEST_ID_HEADER, request.id);
    // Everything logged while serving this request carries its id.
    requestContext.run({ requestId: String(request.id) }, done);
  });
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins,
      credentials: true,
      exposedHeaders: ['X-Request-Id', 'ETag', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'Location'],
    });
  }
  // Cookies are parsed only where they are read (the auth refresh routes), not on every request.
  await app.register(cookie, { hook: false });

  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED });
  if (config.docsEnabled) setupOpenApi(app);
  app.enableShutdownHooks();
  const trustWarning = trustProxyWarning(config.trustProxy);
  if (trustWarning) logger.warn(trustWarning);
  return app;
}
