// The baseline: the smallest Nest 11 app on Fastify that serves GET /health/live.
// Plain CommonJS, decorators applied with Reflect.decorate, so it runs without a compile step.
// Usage: PORT=3001 node bench/bare-app.js   or   node bench/bare-app.js 3001
require('reflect-metadata');
const { Controller, Get, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');

class HealthController {
  live() {
    return { status: 'ok' };
  }
}
Reflect.decorate([Get('live')], HealthController.prototype, 'live', Object.getOwnPropertyDescriptor(HealthController.prototype, 'live'));
Reflect.decorate([Controller('health')], HealthController);

class BareModule {}
Reflect.decorate([Module({ controllers: [HealthController] })], BareModule);

async function main() {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 3001);
  const host = process.env.HOST ?? '127.0.0.1';
  const app = await NestFactory.create(BareModule, new FastifyAdapter({ logger: false }), { logger: false });
  app.enableShutdownHooks();
  await app.listen({ port, host });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
