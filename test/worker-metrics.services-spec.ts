import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, MetricsRegistry } from '@nexus/core';
import { randomBytes } from 'node:crypto';
import { WorkerMetricsServer } from '../apps/worker/src/worker-metrics.server';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { freePort } from './support/spawn';
import { TEST_JWT_SECRET } from './support/test-app';
import { createTestDatabase, TEST_URLS, TestDatabase } from './support/test-database';

/** The worker's own Prometheus endpoint, on the real worker module (Bull on Redis, the target database). */
describe('worker GET /metrics (services mode)', () => {
  let database: TestDatabase;
  let worker: INestApplicationContext;
  let url: string;
  const env = () => ({
    DATABASE_URL: database.url,
    DATABASE_AUTO_MIGRATE: 'true',
    REDIS_URL: TEST_URLS.redis,
    REDIS_KEY_PREFIX: `t${randomBytes(5).toString('hex')}`,
    JWT_ACCESS_SECRET: TEST_JWT_SECRET,
    HOST: '127.0.0.1',
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(AppConfig.forTest({ ...env(), WORKER_METRICS_PORT: String(port) })),
      {
        logger: false,
      },
    );
    await worker.init();
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await worker?.close();
    await database?.drop();
  });

  it('serves the process metrics, the queues and the job durations to an allowed address (loopback by default)', async () => {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toContain('# TYPE nexus_job_duration_seconds histogram');
    expect(text).toMatch(/^nexus_queue_jobs\{queue="anomaly",state="waiting"\} \d+$/m);
  });

  it('answers 404 problem+json for anything but GET /metrics', async () => {
    const res = await fetch(`${url}/admin`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, detail: 'Only GET /metrics is served here' });
  });

  it('refuses an address outside METRICS_ALLOW with 403 problem+json, and is off with port 0', async () => {
    const port = await freePort();
    const strict = new WorkerMetricsServer(
      new MetricsRegistry(),
      AppConfig.forTest({ ...env(), METRICS_ALLOW: '10.0.0.0/8', WORKER_METRICS_PORT: String(port) }),
    );
    await strict.onApplicationBootstrap();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ status: 403, title: 'Forbidden' });
    } finally {
      await strict.onApplicationShutdown();
    }
    const off = new WorkerMetricsServer(new MetricsRegistry(), AppConfig.forTest({ ...env(), WORKER_METRICS_PORT: '0' }));
    await off.onApplicationBootstrap();
    expect(off.port).toBe(0);
  });
});
