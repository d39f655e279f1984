import { AnalysisService } from '@nexus/anomaly';
import { ALL_QUEUES } from '@nexus/core';
import { expectProblem } from './support/auth-helpers';
import { HttpResponse } from './support/http';
import { addRule, flushLogs, fromIp, operatorToken, registerFrom, waitUntil } from './support/ip-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

/** METRICS_ALLOW is 10.0.0.0/8; every other client needs an operator token. */
const PROMETHEUS = '10.20.30.40';
const OUTSIDER = '203.0.113.50';

/** The value of one sample of the exposition text, or undefined when no line has exactly these labels. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    const wanted = Object.entries(labels);
    if (wanted.length === Object.keys(found).length && wanted.every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe(`GET /metrics (${testTarget()})`, () => {
  let t: TestApp;
  let clients = 0;
  /** A client address of its own for each request, so the suite's low rate limit only bites where a test wants it. */
  const nextIp = () => `192.0.2.${(clients += 1)}`;
  const scrape = async (): Promise<string> => {
    const res = await t.http.get('/metrics', fromIp(`10.0.0.${(clients += 1)}`));
    expect(res.status).toBe(200);
    return res.text;
  };

  beforeAll(async () => {
    t = await startTestApp({
      env: { TRUST_PROXY: '127.0.0.1', METRICS_ALLOW: '10.0.0.0/8', RATE_LIMIT_DEFAULT: '5/60s', ANOMALY_BAN_SEVERITY: 'high' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  // First: the anomaly figures are read from the database and cached for 15 s from the first scrape.
  it('reports suspicious IPs found and bans issued, from the findings the analysis recorded', async () => {
    const started = new Date(Date.now() - 60_000);
    for (const path of ['/.env', '/wp-login.php', '/.git/config']) await t.http.get(path, fromIp('198.51.100.66'));
    await flushLogs(t);
    const result = await t.app.get(AnalysisService).analyze({ from: started, to: new Date(Date.now() + 60_000) }, 'full');
    expect(result.findings).toBeGreaterThan(0);

    const text = await scrape();
    const sensitive = ['open'].flatMap((status) =>
      ['ban', 'flag', 'already_blocked', 'safelisted', 'dry_run'].map(
        (decision) => sample(text, 'nexus_anomaly_findings', { rule: 'sensitive_path', status, decision }) ?? 0,
      ),
    );
    expect(sensitive.reduce((a, b) => a + b, 0)).toBe(result.byRule.sensitive_path);
    expect(sample(text, 'nexus_anomaly_bans_issued')).toBe(result.bans);
  });

  it('serves the Prometheus text format to the allowed network, with the default process metrics', async () => {
    const res = await t.http.get('/metrics', fromIp(PROMETHEUS));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(sample(res.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(res.text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(res.text).toContain('# TYPE nexus_http_request_duration_seconds histogram');
  });

  it('refuses everyone else without an operator token: 401 anonymous, 403 for an organization user, 200 for an operator', async () => {
    expectProblem(await t.http.get('/metrics', fromIp(OUTSIDER)), 401, 'missing_token');
    expectProblem(await t.http.get('/metrics', fromIp(OUTSIDER, { token: 'not-a-jwt' })), 401, 'invalid_token');
    const owner = await registerFrom(t.http, nextIp());
    const refused = await t.http.get('/metrics', fromIp(OUTSIDER, { token: owner.accessToken }));
    expectProblem(refused, 403, 'platform_role_required');
    expect(refused.text).not.toContain('nexus_');
    const operator = await operatorToken(t, fromIp(nextIp()));
    const allowed = await t.http.get('/metrics', fromIp(OUTSIDER, { token: operator }));
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('nexus_http_request_duration_seconds_bucket');
  });

  it('times requests by route template, method and status class, never by raw path', async () => {
    const owner = await registerFrom(t.http, nextIp());
    const missing = '00000000-0000-4000-8000-000000000000';
    await t.http.get(`/api/v1/invoices/${missing}`, fromIp(nextIp(), { token: owner.accessToken }));
    await t.http.get('/no-such-route-4711', fromIp(nextIp()));
    const text = await scrape();
    const labels = { route: '/api/v1/invoices/:id', method: 'GET', status_class: '4xx' };
    expect(sample(text, 'nexus_http_request_duration_seconds_count', labels)).toBe(1);
    expect(sample(text, 'nexus_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(1);
    expect(
      sample(text, 'nexus_http_request_duration_seconds_count', { route: 'unmatched', method: 'GET', status_class: '4xx' }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(missing);
    expect(text).not.toContain('no-such-route-4711');
  });

  it('counts requests blocked by IP rules, by reason, and requests throttled, by throttler', async () => {
    const before = await scrape();
    await addRule(t, 'block', '198.51.100.7');
    await addRule(t, 'block', '198.51.100.200', { source: 'auto' });
    expect((await t.http.get('/health/live', fromIp('198.51.100.7'))).status).toBe(403);
    expect((await t.http.get('/health/live', fromIp('198.51.100.200'))).status).toBe(403);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await t.http.get('/health/live', fromIp('198.18.0.77'))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(delta('nexus_http_requests_blocked_total', { reason: 'manual' })).toBe(1);
    expect(delta('nexus_http_requests_blocked_total', { reason: 'auto_ban' })).toBe(1);
    expect(delta('nexus_http_requests_throttled_total', { throttler: 'default' })).toBe(1);
  });

  it('counts cache hits and misses of cached invoice reads', async () => {
    const owner = await registerFrom(t.http, nextIp());
    const before = await scrape();
    const reads: HttpResponse[] = [];
    for (const ip of [nextIp(), nextIp()])
      reads.push(await t.http.get('/api/v1/invoices?limit=5', fromIp(ip, { token: owner.accessToken })));
    expect(reads.map((res) => res.headers.get('x-cache'))).toEqual(['MISS', 'HIT']);
    const after = await scrape();
    for (const name of ['nexus_cache_hits_total', 'nexus_cache_misses_total']) {
      expect((sample(after, name, { cache: 'invoices' }) ?? 0) - (sample(before, name, { cache: 'invoices' }) ?? 0)).toBe(1);
    }
  });

  it('reports the request-log buffer as /health/ready does, and the jobs of every queue by state', async () => {
    const analysis = t.app.get(AnalysisService);
    const jobId = await analysis.request({ from: new Date(Date.now() - 3_600_000), to: new Date() });
    await waitUntil(async () => (await analysis.status(jobId)).state === 'completed', 20_000);
    await flushLogs(t);
    const text = await scrape();
    const ready = await t.http.get('/health/ready', fromIp(nextIp()));
    const log = ready.body.details.requestLog;
    expect(sample(text, 'nexus_request_log_dropped_rows_total')).toBe(log.dropped);
    expect(sample(text, 'nexus_request_log_rejected_rows_total')).toBe(log.rejected);
    expect(sample(text, 'nexus_request_log_written_rows_total')).toBeGreaterThan(0);
    expect(sample(text, 'nexus_request_log_buffered_rows')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'nexus_queue_jobs', { queue: 'anomaly', state: 'completed' })).toBeGreaterThanOrEqual(1);
    for (const queue of ALL_QUEUES) {
      for (const state of ['waiting', 'delayed', 'active', 'completed', 'failed']) {
        expect(sample(text, 'nexus_queue_jobs', { queue, state })).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('is documented in the OpenAPI document as text/plain with both security alternatives', async () => {
    const doc = (await t.http.get('/docs-json', fromIp(nextIp()))).body;
    const operation = doc.paths['/metrics'].get;
    expect(Object.keys(operation.responses['200'].content)[0]).toMatch(/^text\/plain/);
    expect(operation.security).toEqual([{}, { bearer: [] }]);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
  });
});
