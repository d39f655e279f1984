import { INestApplicationContext } from '@nestjs/common';
import { AnalysisResult, AnalysisService, AnalysisWindow, HOUR_MS } from '@nexus/anomaly';
import { IpRuleEntity } from '@nexus/ip-tracking';
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { DataSource } from 'typeorm';
import { IpBaselineEntity } from '../../libs/anomaly/src/baseline/ip-baseline.entity';
import { SuspiciousIpEntity } from '../../libs/anomaly/src/findings/suspicious-ip.entity';
import { RequestLogEntity } from '../../libs/ip-tracking/src/request-log/request-log.entity';
import { pathRoot } from '../../libs/ip-tracking/src/request-log/request-path';
import { HttpClient } from './http';
import { sleep } from './ip-helpers';

export { IpBaselineEntity, SuspiciousIpEntity };

let hoursBack = 2;

/**
 * A clock hour no earlier call returned: 2, 3, 4… hours ago. Each test analyses
 * its own window, so findings of one never show up in another.
 */
export function freshHour(): AnalysisWindow {
  hoursBack += 1;
  const to = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - (hoursBack - 1) * HOUR_MS;
  return { from: new Date(to - HOUR_MS), to: new Date(to) };
}

export type LogRow = Partial<Omit<RequestLogEntity, 'id'>> & { ip: string };

/** `count` request-log rows of one IP spread evenly over the window, each with `fields`. */
export function requests(ip: string, count: number, window: AnalysisWindow, fields: Partial<LogRow> = {}): LogRow[] {
  const span = window.to.getTime() - window.from.getTime();
  return Array.from({ length: count }, (_, i) => ({
    ip,
    occurredAt: new Date(window.from.getTime() + Math.floor(((i + 0.5) * span) / count)),
    ...fields,
  }));
}

/** One row per path, spread over the window. */
export function visits(ip: string, paths: string[], window: AnalysisWindow, fields: Partial<LogRow> = {}): LogRow[] {
  return requests(ip, paths.length, window, fields).map((row, i) => ({ ...row, path: paths[i] }));
}

/** Writes request-log rows straight to the table (multi-row inserts), as the buffer would. */
export async function seedLogs(dataSource: DataSource, rows: LogRow[]): Promise<void> {
  const full = rows.map((row) => ({
    // As the request-log buffer derives it; a row may set null, as rows written before the column have.
    pathRoot: pathRoot(row.path ?? '/api/v1/invoices'),
    occurredAt: new Date(),
    method: 'GET',
    path: '/api/v1/invoices',
    route: null,
    status: 200,
    latencyMs: 3,
    userAgent: 'seed',
    userId: null,
    organizationId: null,
    country: null,
    city: null,
    blocked: false,
    throttled: false,
    authFailure: null,
    ...row,
  }));
  for (let i = 0; i < full.length; i += 500) {
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(RequestLogEntity)
      .values(full.slice(i, i + 500))
      .updateEntity(false)
      .execute();
  }
}

/** A baseline row as an earlier analysis would have left it, relative to the window's hour. */
export async function seedBaseline(
  dataSource: DataSource,
  window: AnalysisWindow,
  ip: string,
  baseline: { mean: number; deviation: number; historyHours: number; silentHours?: number },
): Promise<void> {
  const hour = Math.floor(window.from.getTime() / HOUR_MS);
  await dataSource.getRepository(IpBaselineEntity).save({
    ip,
    mean: baseline.mean,
    deviation: baseline.deviation,
    firstHour: hour - baseline.historyHours,
    lastHour: hour - 1 - (baseline.silentHours ?? 0),
    updatedAt: new Date(),
  });
}

export function baselineOf(dataSource: DataSource, ip: string): Promise<IpBaselineEntity | null> {
  return dataSource.getRepository(IpBaselineEntity).findOne({ where: { ip } });
}

export function findingsOf(dataSource: DataSource, ips: string | string[]): Promise<SuspiciousIpEntity[]> {
  const list = Array.isArray(ips) ? ips : [ips];
  return dataSource
    .getRepository(SuspiciousIpEntity)
    .createQueryBuilder('s')
    .where('s.ip IN (:...list)', { list })
    .orderBy('s.ip')
    .addOrderBy('s.rule')
    .addOrderBy('s.window_start')
    .getMany();
}

/** `ip:rule` of each finding, sorted: the shape most assertions compare. */
export async function flagged(dataSource: DataSource, ips: string[]): Promise<string[]> {
  return (await findingsOf(dataSource, ips)).map((f) => `${f.ip}:${f.rule}`).sort();
}

/** Block rules on a target, newest first. */
export function rulesOn(dataSource: DataSource, target: string): Promise<IpRuleEntity[]> {
  return dataSource.getRepository(IpRuleEntity).find({ where: { target }, order: { createdAt: 'DESC' } });
}

/** An earlier ban of `target`, created `daysAgo` and long expired (or a manual rule, with `source`). */
export async function seedPastBan(
  dataSource: DataSource,
  target: string,
  daysAgo: number,
  source: 'auto' | 'manual' = 'auto',
): Promise<void> {
  const createdAt = new Date(Date.now() - daysAgo * 86_400_000);
  await dataSource
    .createQueryBuilder()
    .insert()
    .into(IpRuleEntity)
    .values({
      id: randomUUID(),
      kind: 'block',
      targetType: 'ip',
      target,
      reason: 'earlier ban',
      source,
      createdBy: source === 'auto' ? 'anomaly' : 'cli',
      expiresAt: new Date(createdAt.getTime() + 3_600_000),
      createdAt,
    })
    .execute();
}

/** Runs the analysis in-process, through the service (what the job handler does). */
export function analyze(app: INestApplicationContext, window: AnalysisWindow, pass: 'full' | 'scan' = 'full'): Promise<AnalysisResult> {
  return app.get(AnalysisService).analyze(window, pass);
}

/** POST /security/analysis, then polls GET /security/analysis/:jobId until the job settles. */
export async function analyzeThroughApi(http: HttpClient, token: string, window: AnalysisWindow): Promise<any> {
  const started = await http.post('/api/v1/security/analysis', { from: window.from.toISOString(), to: window.to.toISOString() }, { token });
  if (started.status !== 202) throw new Error(`POST /security/analysis answered ${started.status}: ${started.text}`);
  return settledJob(http, token, started.body.jobId);
}

export async function settledJob(http: HttpClient, token: string, jobId: string, timeoutMs = 15_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await http.get(`/api/v1/security/analysis/${encodeURIComponent(jobId)}`, { token });
    if (res.status !== 200) throw new Error(`GET analysis answered ${res.status}: ${res.text}`);
    if (res.body.state === 'completed' || res.body.state === 'failed') return res.body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${res.body.state} after ${timeoutMs} ms`);
    await sleep(25);
  }
}

/** A webhook receiver on 127.0.0.1 that records JSON bodies and answers with the queued statuses (then 204). */
export class WebhookReceiver {
  readonly received: { body: any; headers: IncomingMessage['headers'] }[] = [];
  private readonly statuses: number[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const receiver: WebhookReceiver = new WebhookReceiver(
      createServer((req, res) => {
        let text = '';
        req.on('data', (chunk: Buffer) => (text += chunk.toString()));
        req.on('end', () => {
          receiver.received.push({ body: JSON.parse(text), headers: req.headers });
          res.statusCode = receiver.statuses.shift() ?? 204;
          res.end();
        });
      }),
    );
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/hooks/anomaly`;
  }

  /** The next answers, in order. */
  answerWith(...statuses: number[]): void {
    this.statuses.push(...statuses);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
