import { AuthService } from '@nexus/auth';
import { IpRuleEntity, IpRulesService, NewIpRule, RequestLogBuffer } from '@nexus/ip-tracking';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { RequestLogEntity } from '../../libs/ip-tracking/src/request-log/request-log.entity';
import { PASSWORD, RegisteredUser, registerUser, uniqueEmail } from './auth-helpers';
import { HttpClient, HttpResponse, RequestOptions } from './http';
import { TestApp } from './test-app';

export { RequestLogEntity };

/** Request options for a client at `ip`, as a trusted proxy would forward it (ignored when the peer is not trusted). */
export function fromIp(ip: string, options: RequestOptions = {}): RequestOptions {
  return { ...options, headers: { ...options.headers, 'x-forwarded-for': ip } };
}

/** A block or allow rule created in-process (takes effect at once on this instance). */
export function addRule(
  t: TestApp,
  kind: 'block' | 'allow',
  target: string,
  extra: Partial<Pick<NewIpRule, 'durationSeconds' | 'source' | 'reason'>> = {},
): Promise<IpRuleEntity> {
  return t.app.get(IpRulesService).create({ kind, target, reason: `e2e ${kind} ${target}`, source: 'manual', createdBy: null, ...extra });
}

/** A new platform operator, logged in through the API; returns their access token. */
export async function operatorToken(t: TestApp, options: RequestOptions = {}): Promise<string> {
  const email = uniqueEmail('operator');
  await t.app.get(AuthService).createOperator({ email, name: 'Olive Operator', password: PASSWORD });
  const res = await t.http.post('/api/v1/auth/login', { email, password: PASSWORD }, options);
  if (res.status !== 200) throw new Error(`operator login answered ${res.status}: ${res.text}`);
  return res.body.accessToken;
}

/** Signs up an owner from a given client address (register is limited per IP). */
export function registerFrom(http: HttpClient, ip: string): Promise<RegisteredUser> {
  return registerUser(http, {}, fromIp(ip));
}

/** A user agent no other request in the suite sends, to find one test's log rows. */
export function uniqueAgent(label: string): string {
  return `e2e-${label}-${randomBytes(4).toString('hex')}`;
}

/** Writes what the request-log buffer holds (after letting pending onResponse hooks run). */
export async function flushLogs(t: TestApp): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await t.app.get(RequestLogBuffer).flush();
}

/** Log rows matching `where`, oldest first, after a flush; waits (briefly) until at least `atLeast` exist. */
export async function logRows(t: TestApp, where: FindOptionsWhere<RequestLogEntity>, atLeast = 1): Promise<RequestLogEntity[]> {
  const repository = t.app.get(DataSource).getRepository(RequestLogEntity);
  let rows: RequestLogEntity[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    await flushLogs(t);
    rows = await repository.find({ where, order: { id: 'ASC' } });
    if (rows.length >= atLeast) return rows;
    await sleep(20);
  }
  return rows;
}

/** The `r` (remaining) and `t` (seconds to reset) of a `RateLimit` header. */
export function rateLimitOf(res: HttpResponse): { name: string; remaining: number; reset: number } | null {
  const match = /^"([^"]+)";r=(-?\d+);t=(-?\d+)$/.exec(res.headers.get('ratelimit') ?? '');
  return match ? { name: match[1], remaining: Number(match[2]), reset: Number(match[3]) } : null;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every `intervalMs` until it holds; returns the milliseconds it took, or throws after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

/** Runs `tasks` with at most `concurrency` in flight, keeping results in order. */
export async function inParallel<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A private, throwaway redis-server (no persistence) that a test can kill and restart on the same port. */
export class RedisProcess {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisProcess> {
    const redis = new RedisProcess(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again) and resolves once it accepts connections. */
  async restart(): Promise<void> {
    if (this.child) return;
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${output}`));
      });
    });
  }

  /** Kills the server (SIGKILL: no goodbye to clients) and waits for it to exit. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
