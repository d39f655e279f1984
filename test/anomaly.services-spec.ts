import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ANALYZE_WINDOW_JOB,
  AnalysisResult,
  AnalysisService,
  AnalysisWindow,
  AnomalyModule,
  hourlyJobId,
  SCAN_WINDOW_JOB,
  scanJobId,
} from '@nexus/anomaly';
import { AppConfig, CoreModule, EnvName, JobQueue, JobStatus } from '@nexus/core';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AnalysisScheduler } from '../libs/anomaly/src/analysis/analysis.scheduler';
import { findingsOf, freshHour, LogRow, requests, seedBaseline, seedLogs, visits } from './support/anomaly-helpers';
import { sleep } from './support/ip-helpers';
import { TEST_JWT_SECRET } from './support/test-app';
import { createTestDatabase, TEST_URLS, TestDatabase, testTarget } from './support/test-database';

/** A worker process: the plumbing with handlers on, no schedule (the test plays the cron), and anomaly detection. */
async function startWorker(env: Partial<Record<EnvName, string>>): Promise<INestApplicationContext> {
  const config = AppConfig.forTest({ JWT_ACCESS_SECRET: TEST_JWT_SECRET, DATABASE_AUTO_MIGRATE: 'true', ...env });
  const context = await NestFactory.createApplicationContext(
    { module: class AnomalyWorker {}, imports: [CoreModule.forRoot(config, { processJobs: true, schedule: false }), AnomalyModule] },
    { logger: false },
  );
  await context.init();
  return context;
}

async function settled<R>(jobs: JobQueue, queueJob: typeof ANALYZE_WINDOW_JOB, id: string): Promise<JobStatus<R>> {
  for (let i = 0; i < 500; i++) {
    const status = await jobs.getStatus<R>(queueJob, id);
    if (status && (status.state === 'completed' || status.state === 'failed')) return status;
    await sleep(20);
  }
  throw new Error(`job ${id} did not settle`);
}

/** One IP per rule (`net`.1–4), and two more for baselines (`net`.5, `net`.6). */
function trafficOf(window: AnalysisWindow, net: string): LogRow[] {
  return [
    ...requests(`${net}.1`, 2000, window),
    ...visits(`${net}.2`, ['/.env', '/.git/config', '/wp-login.php', '/Admin/'], window, { status: 404 }),
    ...visits(
      `${net}.3`,
      Array.from({ length: 12 }, (_, i) => `/api/v1/guess-${i}`),
      window,
      { status: 404 },
    ),
    ...requests(`${net}.4`, 25, window, { method: 'POST', path: '/api/v1/auth/login', status: 401, authFailure: 'wrong_password' }),
    ...requests(`${net}.5`, 80, window),
    ...requests(`${net}.6`, 40, window),
  ];
}

const ipsOf = (net: string) => [1, 2, 3, 4, 5, 6].map((n) => `${net}.${n}`);

describe(`anomaly detection with Bull workers (${testTarget()}, Redis)`, () => {
  let database: TestDatabase;
  const workers: INestApplicationContext[] = [];
  const prefix = `t${randomBytes(5).toString('hex')}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url, REDIS_URL: TEST_URLS.redis, REDIS_KEY_PREFIX: prefix };
    // The first applies the migrations; the others find them done.
    workers.push(await startWorker(env));
    workers.push(...(await Promise.all([startWorker(env), startWorker(env)])));
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await database?.drop();
  });

  it('three workers on one Redis, each scheduling the same windows, produce exactly one run per window', async () => {
    const window = freshHour();
    const db = workers[0].get(DataSource);
    await seedLogs(db, trafficOf(window, '203.0.113'));
    const runs = workers.map((worker) => jest.spyOn(worker.get(AnalysisService), 'analyze'));
    // Each worker's cron fires a minute past the hour, at slightly different moments.
    const now = (ms: number) => new Date(window.to.getTime() + 60_000 + ms);
    const hourly = await Promise.all(workers.map((worker, i) => worker.get(AnalysisScheduler).enqueueHourFor(now(i * 7))));
    const scan = await Promise.all(
      workers.map((worker, i) => worker.get(AnalysisScheduler).enqueueScanFor(new Date(window.from.getTime() + 330_000 + i))),
    );
    expect(new Set(hourly)).toEqual(new Set([hourlyJobId(window)]));
    // At 00:05:30 past the hour, the scanner pass covers its first 5 minutes.
    const slot = { from: window.from, to: new Date(window.from.getTime() + 300_000) };
    expect(new Set(scan)).toEqual(new Set([scanJobId(slot)]));

    const jobs = workers[1].get(JobQueue);
    const done = await settled<AnalysisResult>(jobs, ANALYZE_WINDOW_JOB, hourlyJobId(window));
    expect(done).toMatchObject({ state: 'completed', attemptsMade: 1, result: { findings: 4, duplicates: 0 } });
    expect(await settled(jobs, SCAN_WINDOW_JOB, scanJobId(slot))).toMatchObject({ state: 'completed' });

    // Scheduling the finished window again is a no-op too (Bull keeps finished jobs by id).
    await Promise.all(workers.map((worker) => worker.get(AnalysisScheduler).enqueueHourFor(now(0))));
    await sleep(300);
    const calls = runs.map((spy) => spy.mock.calls.map(([w, pass]) => `${pass} ${w.from.toISOString()}`));
    expect(calls.flat().sort()).toEqual([`full ${window.from.toISOString()}`, `scan ${slot.from.toISOString()}`]);
    expect((await findingsOf(db, ipsOf('203.0.113'))).filter((f) => f.windowStart.getTime() === window.from.getTime())).toHaveLength(4);
    for (const spy of runs) spy.mockRestore();
  });

  it('the in-process (embedded) runner and Bull give the same findings and decisions', async () => {
    const window = freshHour();
    const embeddedDatabase = await createTestDatabase();
    // Same database kind, but no Redis: the in-process job queue.
    const embedded = await startWorker({ DATABASE_URL: embeddedDatabase.url });
    try {
      expect(embedded.get(JobQueue).constructor.name).toBe('InProcessJobQueue');
      expect(workers[0].get(JobQueue).constructor.name).toBe('BullJobQueue');
      const results: AnalysisResult[] = [];
      const findings: unknown[] = [];
      for (const context of [workers[0], embedded]) {
        const db = context.get(DataSource);
        await seedLogs(db, trafficOf(window, '198.51.100'));
        await seedBaseline(db, window, '198.51.100.5', { mean: 10, deviation: 3, historyHours: 100 });
        await seedBaseline(db, window, '198.51.100.6', { mean: 30, deviation: 5, historyHours: 100 });
        const jobs = context.get(JobQueue);
        const id = await jobs.add(
          ANALYZE_WINDOW_JOB,
          { from: window.from.toISOString(), to: window.to.toISOString() },
          { jobId: `compare:${window.from.toISOString()}` },
        );
        const status = await settled<AnalysisResult>(jobs, ANALYZE_WINDOW_JOB, id);
        expect(status.state).toBe('completed');
        results.push(status.result!);
        findings.push(
          (await findingsOf(db, ipsOf('198.51.100')))
            .filter((f) => f.windowStart.getTime() === window.from.getTime())
            .map(({ ip, rule, severity, reason, evidence, decision, banSeconds, status: state, windowEnd }) => ({
              ip,
              rule,
              severity,
              reason,
              evidence,
              decision,
              banSeconds,
              state,
              windowEnd,
            })),
        );
      }
      expect(results[0]).toMatchObject({
        findings: 5,
        bans: 2,
        byRule: { volume: 1, sensitive_path: 1, probing: 1, auth_failure: 1, baseline: 1 },
      });
      expect(results[1]).toEqual(results[0]);
      expect(findings[1]).toEqual(findings[0]);
    } finally {
      await embedded.close();
      await embeddedDatabase.drop();
    }
  });
});
