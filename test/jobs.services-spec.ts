import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { AppConfig, CoreModule, defineJob, JobHandler, JobQueue, JobStatus, MetricsRegistry, PermanentJobError, QUEUES } from '@nexus/core';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, TEST_URLS, TestDatabase } from './support/test-database';
import { TEST_JWT_SECRET } from './support/test-app';

const DOUBLE = defineJob<{ n: number }>(QUEUES.maintenance, 'test-double');
const FLAKY = defineJob<{ failUntil: number }>(QUEUES.maintenance, 'test-flaky');
const BROKEN = defineJob<Record<string, never>>(QUEUES.maintenance, 'test-broken');

@Injectable()
class TestHandlers {
  @JobHandler(DOUBLE)
  async double(data: { n: number }) {
    return data.n * 2;
  }

  @JobHandler(FLAKY)
  async flaky(data: { failUntil: number }, ctx: { attempt: number }) {
    if (ctx.attempt < data.failUntil) throw new Error(`attempt ${ctx.attempt} failed`);
    return ctx.attempt;
  }

  @JobHandler(BROKEN)
  async broken(): Promise<never> {
    throw new PermanentJobError('cannot ever work');
  }
}

@Module({ providers: [TestHandlers] })
class TestHandlersModule {}

async function settled(jobs: JobQueue, id: string): Promise<JobStatus> {
  for (let i = 0; i < 300; i++) {
    const status = await jobs.getStatus(DOUBLE, id);
    if (status && (status.state === 'completed' || status.state === 'failed')) return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`job ${id} did not settle`);
}

/** Bull on the real Redis: a producer process and a worker process sharing one queue. */
describe('Bull job queue (services mode, real Redis)', () => {
  let database: TestDatabase;
  let producer: INestApplicationContext;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = AppConfig.forTest({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_URLS.redis,
      REDIS_KEY_PREFIX: `t${randomBytes(5).toString('hex')}`,
      JWT_ACCESS_SECRET: TEST_JWT_SECRET,
    });
    producer = await NestFactory.createApplicationContext(
      { module: class Producer {}, imports: [CoreModule.forRoot(config, { processJobs: false, schedule: false }), TestHandlersModule] },
      { logger: false },
    );
    worker = await NestFactory.createApplicationContext(
      { module: class Worker {}, imports: [CoreModule.forRoot(config, { processJobs: true, schedule: false }), TestHandlersModule] },
      { logger: false },
    );
    await producer.init();
    await worker.init();
  });

  afterAll(async () => {
    await producer?.close();
    await worker?.close();
    await database?.drop();
  });

  it('runs a job enqueued by another process and reports its result', async () => {
    const jobs = producer.get(JobQueue);
    const id = await jobs.add(DOUBLE, { n: 21 });
    expect(await settled(jobs, id)).toMatchObject({ state: 'completed', result: 42, name: DOUBLE.name });
  });

  it('retries with backoff, then succeeds', async () => {
    const jobs = producer.get(JobQueue);
    const id = await jobs.add(FLAKY, { failUntil: 3 }, { attempts: 3, backoffMs: 10 });
    expect(await settled(jobs, id)).toMatchObject({ state: 'completed', result: 3, attemptsMade: 3 });
  });

  it('does not retry a permanent failure', async () => {
    const jobs = producer.get(JobQueue);
    const id = await jobs.add(BROKEN, {}, { attempts: 5, backoffMs: 10 });
    expect(await settled(jobs, id)).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: 'cannot ever work' });
  });

  it('de-duplicates by job id', async () => {
    const jobs = producer.get(JobQueue);
    const jobId = `double:${randomBytes(4).toString('hex')}`;
    const [a, b] = await Promise.all([jobs.add(DOUBLE, { n: 1 }, { jobId }), jobs.add(DOUBLE, { n: 2 }, { jobId })]);
    expect(a).toBe(jobId);
    expect(b).toBe(jobId);
    expect(await settled(jobs, jobId)).toMatchObject({ state: 'completed' });
    expect([2, 4]).toContain((await jobs.getStatus(DOUBLE, jobId))?.result);
  });

  it('answers null for an unknown job', async () => {
    expect(await producer.get(JobQueue).getStatus(DOUBLE, 'no-such-job')).toBeNull();
  });

  // Last: counts every run the tests above made.
  it('times every run where it ran, by queue, job and outcome', async () => {
    const runs = async (context: INestApplicationContext, job: string, outcome: string) => {
      const metric = await context.get(MetricsRegistry).getSingleMetric('nexus_job_duration_seconds')!.get();
      const sample = metric.values.find(
        (v) =>
          (v as { metricName?: string }).metricName === 'nexus_job_duration_seconds_count' &&
          v.labels.job === job &&
          v.labels.outcome === outcome,
      );
      return sample?.value ?? 0;
    };
    expect(await runs(worker, 'test-double', 'completed')).toBeGreaterThanOrEqual(2);
    expect(await runs(worker, 'test-flaky', 'failed')).toBe(2);
    expect(await runs(worker, 'test-flaky', 'completed')).toBe(1);
    expect(await runs(worker, 'test-broken', 'failed')).toBe(1);
    expect(await runs(producer, 'test-double', 'completed')).toBe(0);
  });
});
