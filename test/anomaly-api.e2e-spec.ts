import { Test } from '@nestjs/testing';
import { AppConfig } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CliOutput } from '../apps/cli/src/cli-output';
import { CliModule } from '../apps/cli/src/cli.module';
import { AnalysisRunCommand } from '../apps/cli/src/commands/analysis.command';
import { analyzeThroughApi, findingsOf, freshHour, requests, seedLogs, settledJob, visits } from './support/anomaly-helpers';
import { expectProblem, registerUser } from './support/auth-helpers';
import { operatorToken } from './support/ip-helpers';
import { startTestApp, TestApp, targetEnv } from './support/test-app';
import { testTarget } from './support/test-database';

/** The operator API under /api/v1/security and the analysis:run command. */
describe(`anomaly detection: operator API and CLI (${testTarget()})`, () => {
  let t: TestApp;
  let db: DataSource;
  let operator: string;
  let owner: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { ANOMALY_BAN_SEVERITY: 'never' } });
    db = t.app.get(DataSource);
    operator = await operatorToken(t);
    owner = (await registerUser(t.http)).accessToken;
  });
  afterAll(async () => {
    await t?.close();
  });

  const window = { from: '2026-11-26T10:00:00Z', to: '2026-11-26T11:00:00Z' };

  it('is for operators only: no token is 401, an organization owner 403', async () => {
    expectProblem(await t.http.get('/api/v1/security/suspicious-ips'), 401, 'missing_token');
    expectProblem(await t.http.get('/api/v1/security/suspicious-ips', { token: owner }), 403, 'platform_role_required');
    expectProblem(await t.http.patch(`/api/v1/security/suspicious-ips/${randomUUID()}`, { status: 'resolved' }, { token: owner }), 403);
    expectProblem(await t.http.post('/api/v1/security/analysis', window, { token: owner }), 403, 'platform_role_required');
    expectProblem(await t.http.get('/api/v1/security/analysis/anomaly:analyze:2026-11-26T10', { token: owner }), 403);
  });

  it('POST /analysis answers 202 with a job id; GET /analysis/:jobId follows it to its result', async () => {
    const hour = freshHour();
    await seedLogs(db, [...requests('192.0.2.11', 120, hour), ...visits('192.0.2.12', ['/phpMyAdmin/index.php'], hour)]);
    const started = await t.http.post(
      '/api/v1/security/analysis',
      { from: hour.from.toISOString(), to: hour.to.toISOString() },
      { token: operator },
    );
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ jobId: expect.stringMatching(/^anomaly:manual:[0-9a-f-]{36}$/) });
    const status = await t.http.get(`/api/v1/security/analysis/${started.body.jobId}`, { token: operator });
    expect(status.status).toBe(200);
    expect(['waiting', 'active', 'completed']).toContain(status.body.state);
    expect(await settledJob(t.http, operator, started.body.jobId)).toEqual({
      jobId: started.body.jobId,
      state: 'completed',
      failedReason: null,
      result: {
        windowStart: hour.from.toISOString(),
        windowEnd: hour.to.toISOString(),
        pass: 'full',
        findings: 2,
        byRule: { volume: 1, sensitive_path: 1, probing: 0, auth_failure: 0, baseline: 0 },
        duplicates: 0,
        bans: 0,
        dryRun: false,
      },
    });
  });

  it('refuses bad windows and unknown jobs', async () => {
    expectProblem(await t.http.post('/api/v1/security/analysis', { from: window.to, to: window.from }, { token: operator }), 400);
    expectProblem(
      await t.http.post('/api/v1/security/analysis', { from: '2026-11-01T00:00:00Z', to: '2026-11-09T00:00:00Z' }, { token: operator }),
      400,
    );
    expectProblem(await t.http.post('/api/v1/security/analysis', { from: 'yesterday', to: window.to }, { token: operator }), 400);
    expectProblem(await t.http.post('/api/v1/security/analysis', { ...window, rules: ['volume'] }, { token: operator }), 400);
    expectProblem(await t.http.get('/api/v1/security/analysis/no-such-job', { token: operator }), 404, 'not_found');
    expectProblem(await t.http.get(`/api/v1/security/analysis/${encodeURIComponent('bad id!')}`, { token: operator }), 400);
  });

  describe('GET and PATCH /suspicious-ips', () => {
    let hour: { from: Date; to: Date };

    beforeAll(async () => {
      hour = freshHour();
      await seedLogs(db, [
        ...requests('192.0.2.21', 101, hour),
        ...visits('192.0.2.22', ['/admin', '/wp-admin/'], hour),
        ...requests('192.0.2.23', 20, hour, { status: 401, authFailure: 'wrong_password' }),
      ]);
      const job = await analyzeThroughApi(t.http, operator, hour);
      expect(job.result.findings).toBe(3);
    });

    const list = (query: string) => t.http.get(`/api/v1/security/suspicious-ips${query}`, { token: operator });
    const inHour = () => `from=${hour.from.toISOString()}&to=${hour.to.toISOString()}`;

    it('lists findings with their JSON shape, filtered by time, rule and ip, paginated', async () => {
      const all = await list(`?${inHour()}&sort=ip`);
      expect(all.status).toBe(200);
      expect(all.body.meta).toEqual({ page: 1, limit: 20, total: 3, totalPages: 1 });
      expect(all.body.data.map((f: any) => `${f.ip}:${f.rule}`)).toEqual([
        '192.0.2.21:volume',
        '192.0.2.22:sensitive_path',
        '192.0.2.23:auth_failure',
      ]);
      expect(all.body.data[1]).toEqual({
        id: expect.any(String),
        ip: '192.0.2.22',
        windowStart: hour.from.toISOString(),
        windowEnd: hour.to.toISOString(),
        rule: 'sensitive_path',
        reason: '2 requests to sensitive paths: /admin, /wp-admin',
        evidence: {
          requests: 2,
          authFailures: 0,
          probedPaths: 0,
          sensitiveHits: 2,
          threshold: null,
          baseline: null,
          samplePaths: [
            { path: '/admin', count: 1 },
            { path: '/wp-admin/', count: 1 },
          ],
        },
        severity: 'medium',
        country: null,
        status: 'open',
        decision: 'flag',
        banSeconds: null,
        ipRuleId: null,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect((await list(`?${inHour()}&rule=auth_failure`)).body.data.map((f: any) => f.ip)).toEqual(['192.0.2.23']);
      expect((await list(`?ip=192.0.2.21`)).body.data.map((f: any) => f.rule)).toEqual(['volume']);
      const paged = await list(`?${inHour()}&sort=-ip&limit=2&page=2`);
      expect(paged.body.meta).toEqual({ page: 2, limit: 2, total: 3, totalPages: 2 });
      expect(paged.body.data.map((f: any) => f.ip)).toEqual(['192.0.2.21']);
      expect((await list(`?from=${hour.to.toISOString()}&ip=192.0.2.21`)).body.meta.total).toBe(0);
      expectProblem(await list('?rule=ddos'), 400);
      expectProblem(await list('?sort=reason'), 400);
    });

    it('PATCH sets the status, which the status filter then sees', async () => {
      const [finding] = await findingsOf(db, '192.0.2.21');
      const res = await t.http.patch(`/api/v1/security/suspicious-ips/${finding.id}`, { status: 'resolved' }, { token: operator });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: finding.id, status: 'resolved', rule: 'volume' });
      expect((await list(`?${inHour()}&status=resolved`)).body.data.map((f: any) => f.id)).toEqual([finding.id]);
      expect((await list(`?${inHour()}&status=open`)).body.meta.total).toBe(2);
      const dismissed = await t.http.patch(`/api/v1/security/suspicious-ips/${finding.id}`, { status: 'dismissed' }, { token: operator });
      expect(dismissed.body.status).toBe('dismissed');
    });

    it('PATCH refuses unknown ids, bad statuses and extra fields', async () => {
      const [finding] = await findingsOf(db, '192.0.2.22');
      expectProblem(
        await t.http.patch(`/api/v1/security/suspicious-ips/${randomUUID()}`, { status: 'resolved' }, { token: operator }),
        404,
      );
      expectProblem(await t.http.patch(`/api/v1/security/suspicious-ips/not-a-uuid`, { status: 'resolved' }, { token: operator }), 400);
      expectProblem(await t.http.patch(`/api/v1/security/suspicious-ips/${finding.id}`, { status: 'closed' }, { token: operator }), 400);
      expectProblem(
        await t.http.patch(`/api/v1/security/suspicious-ips/${finding.id}`, { status: 'resolved', rule: 'volume' }, { token: operator }),
        400,
      );
    });
  });

  it('analysis:run analyses a window from the command line', async () => {
    const hour = freshHour();
    await seedLogs(db, [...requests('192.0.2.31', 150, hour), ...visits('192.0.2.31', ['/.env'], hour)]);
    const lines: string[] = [];
    const config = AppConfig.forTest({
      ...targetEnv({ url: t.config.database.url, drop: async () => undefined }),
      ANOMALY_BAN_SEVERITY: 'never',
    });
    const cli = await (
      await Test.createTestingModule({ imports: [CliModule.forRoot(config)] })
        .overrideProvider(CliOutput)
        .useValue({ line: (text: string) => lines.push(text) })
        .compile()
    ).init();
    try {
      const command = cli.get(AnalysisRunCommand);
      await command.run([], { from: hour.from, to: hour.to });
      expect(lines).toEqual([
        `Analysed ${hour.from.toISOString()} – ${hour.to.toISOString()}: 2 new finding(s), 0 already recorded, 0 ban(s)`,
        '  volume          1',
        '  sensitive_path  1',
      ]);
      lines.splice(0);
      await command.run([], { from: hour.from, to: hour.to });
      expect(lines).toEqual([
        `Analysed ${hour.from.toISOString()} – ${hour.to.toISOString()}: 0 new finding(s), 2 already recorded, 0 ban(s)`,
      ]);
      await expect(command.run([], { from: hour.to, to: hour.from })).rejects.toThrow(/--to must be after --from/);
      await expect(command.run([], { from: hour.from })).rejects.toThrow(/needs --from and --to/);
      expect(() => command.parseFrom('yesterday')).toThrow(/--from: expected an ISO 8601 time/);
    } finally {
      await cli.close();
    }
  });
});
