import { InProcessJobQueue } from './in-process-job-queue';
import { JobHandlerRegistry, RegisteredHandler } from './job-handler.registry';
import { defineJob, JobStatus, PermanentJobError } from './job.types';

const JOB = defineJob<{ n: number }>('test', 'work');

/** A registry holding exactly the handlers a test gives it. */
function registryWith(run: RegisteredHandler['run'], concurrency = 1): JobHandlerRegistry {
  const handler: RegisteredHandler = { queue: JOB.queue, name: JOB.name, concurrency, run };
  return {
    get: (q: string, n: string) => (q === JOB.queue && n === JOB.name ? handler : undefined),
    all: () => [handler],
  } as unknown as JobHandlerRegistry;
}

async function settled(queue: InProcessJobQueue, id: string): Promise<JobStatus> {
  for (let i = 0; i < 200; i++) {
    const status = await queue.getStatus(JOB, id);
    if (status && (status.state === 'completed' || status.state === 'failed')) return status;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`job ${id} did not settle`);
}

describe('InProcessJobQueue', () => {
  it('runs the handler asynchronously and records its result', async () => {
    const queue = new InProcessJobQueue(registryWith(async (data) => (data as { n: number }).n * 2));
    const id = await queue.add(JOB, { n: 21 });
    expect((await queue.getStatus(JOB, id))?.state).toBe('waiting');
    expect(await settled(queue, id)).toMatchObject({ state: 'completed', result: 42, attemptsMade: 1 });
  });

  it('counts the jobs of a queue by state', async () => {
    const queue = new InProcessJobQueue(
      registryWith(async (data) => {
        if ((data as { n: number }).n < 0) throw new PermanentJobError('negative');
        return 'ok';
      }),
    );
    const ok = await queue.add(JOB, { n: 1 });
    const bad = await queue.add(JOB, { n: -1 });
    await queue.add(JOB, { n: 2 }, { delayMs: 60_000 });
    await Promise.all([settled(queue, ok), settled(queue, bad)]);
    expect(await queue.counts(JOB.queue)).toEqual({ waiting: 0, delayed: 1, active: 0, completed: 1, failed: 1 });
    expect(await queue.counts('other')).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0 });
    await queue.onApplicationShutdown();
  });

  it('retries with backoff until the attempts run out', async () => {
    const attempts: number[] = [];
    const queue = new InProcessJobQueue(
      registryWith(async (_data, ctx) => {
        attempts.push(ctx.attempt);
        if (ctx.attempt < 3) throw new Error('flaky');
        return 'ok';
      }),
    );
    const id = await queue.add(JOB, { n: 1 }, { attempts: 3, backoffMs: 1 });
    expect(await settled(queue, id)).toMatchObject({ state: 'completed', attemptsMade: 3 });
    expect(attempts).toEqual([1, 2, 3]);

    const failing = new InProcessJobQueue(registryWith(async () => Promise.reject(new Error('always'))));
    const failed = await failing.add(JOB, { n: 1 }, { attempts: 2, backoffMs: 1 });
    expect(await settled(failing, failed)).toMatchObject({ state: 'failed', attemptsMade: 2, failedReason: 'always' });
  });

  it('does not retry a permanent failure', async () => {
    const queue = new InProcessJobQueue(registryWith(async () => Promise.reject(new PermanentJobError('bad payload'))));
    const id = await queue.add(JOB, { n: 1 }, { attempts: 5, backoffMs: 1 });
    expect(await settled(queue, id)).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: 'bad payload' });
  });

  it('adds a job with a known id only once', async () => {
    let runs = 0;
    const queue = new InProcessJobQueue(registryWith(async () => ++runs));
    const first = await queue.add(JOB, { n: 1 }, { jobId: 'window-10' });
    const second = await queue.add(JOB, { n: 2 }, { jobId: 'window-10' });
    expect(second).toBe(first);
    await settled(queue, first);
    await queue.add(JOB, { n: 3 }, { jobId: 'window-10' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs).toBe(1);
  });

  it('respects the handler concurrency', async () => {
    let active = 0;
    let peak = 0;
    const queue = new InProcessJobQueue(
      registryWith(async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active -= 1;
      }, 2),
    );
    const ids = await Promise.all(Array.from({ length: 6 }, (_, n) => queue.add(JOB, { n })));
    for (const id of ids) await settled(queue, id);
    expect(peak).toBe(2);
  });

  it('waits for running jobs on shutdown and starts no new ones', async () => {
    let finished = false;
    const queue = new InProcessJobQueue(
      registryWith(async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        finished = true;
      }),
    );
    await queue.add(JOB, { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const delayed = await queue.add(JOB, { n: 2 }, { delayMs: 10 });
    await queue.onApplicationShutdown();
    expect(finished).toBe(true);
    expect((await queue.getStatus(JOB, delayed))?.state).toBe('delayed');
  });
});
