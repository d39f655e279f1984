import { HOUR_MS } from '@nexus/anomaly';
import { DecisionService } from '../libs/anomaly/src/decisions/decision.service';
import { DataSource } from 'typeorm';
import { analyze, baselineOf, findingsOf, flagged, freshHour, requests, seedBaseline, seedLogs, visits } from './support/anomaly-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

/** The detection rules at their boundaries, run through the service over rows seeded with controlled times. */
describe(`anomaly detection rules (${testTarget()})`, () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    // Flag only: the decision suites cover bans.
    t = await startTestApp({ env: { ANOMALY_BAN_SEVERITY: 'never' } });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('volume: exactly 100 requests in the hour are fine, 101 are flagged', async () => {
    const window = freshHour();
    await seedLogs(db, [...requests('198.51.100.1', 100, window), ...requests('198.51.100.2', 101, window, { path: '/api/v1/customers' })]);
    const result = await analyze(t.app, window);
    expect(await flagged(db, ['198.51.100.1', '198.51.100.2'])).toEqual(['198.51.100.2:volume']);
    expect(result).toMatchObject({ findings: 1, byRule: { volume: 1 }, duplicates: 0, bans: 0, pass: 'full' });
    const [finding] = await findingsOf(db, '198.51.100.2');
    expect(finding).toMatchObject({
      severity: 'low',
      reason: '101 requests in 1 h (more than 100)',
      status: 'open',
      decision: 'flag',
      windowStart: window.from,
      windowEnd: window.to,
      evidence: { requests: 101, threshold: 100, samplePaths: [{ path: '/api/v1/customers', count: 101 }] },
    });
  });

  it('volume: a window of another length scales the limit (30 minutes: more than 50)', async () => {
    const hour = freshHour();
    const window = { from: hour.from, to: new Date(hour.from.getTime() + HOUR_MS / 2) };
    await seedLogs(db, [...requests('198.51.100.11', 50, window), ...requests('198.51.100.12', 51, window)]);
    await analyze(t.app, window);
    expect(await flagged(db, ['198.51.100.11', '198.51.100.12'])).toEqual(['198.51.100.12:volume']);
  });

  it('sensitive paths match on the normalised path, and only on it', async () => {
    const window = freshHour();
    const paths: Record<string, string> = {
      '198.51.100.21': '/ADMIN/',
      '198.51.100.22': '/%61dmin',
      '198.51.100.23': '/admin/settings?tab=users',
      '198.51.100.24': '/.git/config',
      '198.51.100.25': '/static/../wp-login.php',
      '198.51.100.26': '/api/v1/auth/login',
      '198.51.100.27': '/administrator',
      '198.51.100.28': '/static/admin.css',
      '198.51.100.29': '/%7Euser/profile',
    };
    await seedLogs(
      db,
      Object.entries(paths).flatMap(([ip, path]) => visits(ip, [path], window, { status: 404 })),
    );
    await analyze(t.app, window);
    expect(await flagged(db, Object.keys(paths))).toEqual([
      '198.51.100.21:sensitive_path',
      '198.51.100.22:sensitive_path',
      '198.51.100.23:sensitive_path',
      '198.51.100.24:sensitive_path',
      '198.51.100.25:sensitive_path',
    ]);
    const [encoded] = await findingsOf(db, '198.51.100.22');
    expect(encoded).toMatchObject({
      severity: 'medium',
      reason: '1 request to sensitive paths: /admin',
      evidence: { sensitiveHits: 1, samplePaths: [{ path: '/%61dmin', count: 1 }] },
    });
  });

  it('sensitive paths: evasions in the raw path (slashes, dots, escapes, fragments, case) pass the SQL pre-filter', async () => {
    const window = freshHour();
    const paths: Record<string, string> = {
      '198.51.100.111': '//admin',
      '198.51.100.112': '\\admin\\users',
      '198.51.100.113': '/./.env',
      '198.51.100.114': '/admin#top',
      '198.51.100.115': '/Wp-Login.PHP?redirect=1',
      '198.51.100.116': '/%2e%2e/%2E%2e/phpmyadmin/',
      '198.51.100.117': '/images/..%2f..%2fbackup',
      '198.51.100.118': 'admin',
      '198.51.100.119': '/api/../.git/HEAD',
      '198.51.100.120': '/api/admin',
      '198.51.100.121': '/api/v1/x/../admin',
    };
    await seedLogs(
      db,
      Object.entries(paths).flatMap(([ip, path]) => visits(ip, [path], window)),
    );
    await analyze(t.app, window);
    expect(await flagged(db, Object.keys(paths))).toEqual(
      Object.keys(paths)
        .filter((ip) => !['198.51.100.120', '198.51.100.121'].includes(ip))
        .map((ip) => `${ip}:sensitive_path`),
    );
  });

  it('sensitive paths: rows written before path_root existed (null root) are still matched exactly', async () => {
    const window = freshHour();
    const legacy = { pathRoot: null };
    await seedLogs(db, [
      ...visits('198.51.100.131', ['/%61dmin/users'], window, legacy),
      ...visits('198.51.100.132', ['/api/v1/invoices', '/administrator'], window, legacy),
      // A stored root that is not sensitive keeps the row out, whatever its path says.
      ...visits('198.51.100.133', ['/admin'], window, { pathRoot: 'api' }),
    ]);
    await analyze(t.app, window);
    expect(await flagged(db, ['198.51.100.131', '198.51.100.132', '198.51.100.133'])).toEqual(['198.51.100.131:sensitive_path']);
  });

  it('sensitive paths: a scanner touching three targets is high severity', async () => {
    const window = freshHour();
    await seedLogs(db, visits('198.51.100.30', ['/.env', '/.git/HEAD', '/phpmyadmin/', '/.env'], window, { status: 404 }));
    await analyze(t.app, window);
    const [finding] = await findingsOf(db, '198.51.100.30');
    expect(finding).toMatchObject({ rule: 'sensitive_path', severity: 'high', evidence: { sensitiveHits: 4 } });
    expect(finding.reason).toBe('4 requests to sensitive paths: /.env, /.git, /phpmyadmin');
  });

  it('probing: 9 distinct refused paths are fine, 10 are flagged; repeats and our own blocks do not count', async () => {
    const window = freshHour();
    const paths = (n: number) => Array.from({ length: n }, (_, i) => `/api/v1/p${i}`);
    await seedLogs(db, [
      ...visits('198.51.100.41', paths(9), window, { status: 404 }),
      ...visits('198.51.100.42', paths(5), window, { status: 404 }),
      ...visits('198.51.100.42', paths(10).slice(5), window, { status: 403 }),
      ...requests('198.51.100.43', 30, window, { path: '/api/v1/missing', status: 404 }),
      ...visits('198.51.100.44', paths(12), window, { status: 403, blocked: true }),
      ...visits('198.51.100.45', paths(9), window, { status: 404 }),
      ...visits('198.51.100.45', ['/api/v1/other'], window, { status: 401 }),
    ]);
    await analyze(t.app, window);
    expect(await flagged(db, ['198.51.100.41', '198.51.100.42', '198.51.100.43', '198.51.100.44', '198.51.100.45'])).toEqual([
      '198.51.100.42:probing',
    ]);
    const [finding] = await findingsOf(db, '198.51.100.42');
    expect(finding).toMatchObject({ severity: 'medium', evidence: { probedPaths: 10, threshold: 10 } });
    expect(finding.evidence.samplePaths).toHaveLength(10);
    expect(finding.evidence.samplePaths.every((sample) => sample.count === 1)).toBe(true);
  });

  it('authentication failures: 19 are fine, 20 are flagged', async () => {
    const window = freshHour();
    const failed = { path: '/api/v1/auth/login', method: 'POST', status: 401, authFailure: 'wrong_password' };
    await seedLogs(db, [
      ...requests('198.51.100.51', 19, window, failed),
      ...requests('198.51.100.51', 20, window),
      ...requests('198.51.100.52', 20, window, failed),
    ]);
    await analyze(t.app, window);
    expect(await flagged(db, ['198.51.100.51', '198.51.100.52'])).toEqual(['198.51.100.52:auth_failure']);
    const [finding] = await findingsOf(db, '198.51.100.52');
    expect(finding).toMatchObject({
      severity: 'medium',
      reason: '20 failed authentications in 1 h (threshold 20)',
      evidence: { authFailures: 20 },
    });
  });

  describe('baseline', () => {
    it('flags a count above mean + k·deviation and above the floor, and only with enough history', async () => {
      const window = freshHour();
      const usual = { mean: 10, deviation: 2, historyHours: 48 };
      // k = 3: the limit is 16, but the floor (50) comes first.
      await seedBaseline(db, window, '198.51.100.61', usual);
      await seedBaseline(db, window, '198.51.100.62', usual);
      // The limit is 130; the floor is below it.
      await seedBaseline(db, window, '198.51.100.63', { mean: 100, deviation: 10, historyHours: 48 });
      await seedBaseline(db, window, '198.51.100.64', { mean: 100, deviation: 10, historyHours: 48 });
      // 23 hours of history: one short of ANOMALY_BASELINE_MIN_HOURS.
      await seedBaseline(db, window, '198.51.100.65', { ...usual, historyHours: 23 });
      await seedLogs(db, [
        ...requests('198.51.100.61', 50, window),
        ...requests('198.51.100.62', 51, window),
        ...requests('198.51.100.63', 130, window),
        ...requests('198.51.100.64', 131, window),
        ...requests('198.51.100.65', 90, window),
      ]);
      await analyze(t.app, window);
      const baselineFindings = (
        await findingsOf(db, ['198.51.100.61', '198.51.100.62', '198.51.100.63', '198.51.100.64', '198.51.100.65'])
      ).filter((f) => f.rule === 'baseline');
      expect(baselineFindings.map((f) => f.ip)).toEqual(['198.51.100.62', '198.51.100.64']);
      expect(baselineFindings[0]).toMatchObject({
        severity: 'medium',
        reason: '51 requests in 1 h against a usual 10 ± 2 (limit 16)',
        evidence: { requests: 51, threshold: 16, baseline: { mean: 10, deviation: 2, hours: 48 } },
      });
      expect(baselineFindings[1]).toMatchObject({ severity: 'low', evidence: { threshold: 130 } });
    });

    it('folds the hour into each baseline once: EWMA of mean and deviation, silent hours decayed, new IPs started', async () => {
      const window = freshHour();
      const hour = Math.floor(window.from.getTime() / HOUR_MS);
      await seedBaseline(db, window, '198.51.100.71', { mean: 100, deviation: 10, historyHours: 48 });
      // Two silent hours since: mean 100·0.9² = 81, deviation 10·0.81 + 0.1·2·0.9·100 = 26.1.
      await seedBaseline(db, window, '198.51.100.72', { mean: 100, deviation: 10, historyHours: 48, silentHours: 2 });
      await seedLogs(db, [
        ...requests('198.51.100.71', 131, window),
        ...requests('198.51.100.72', 50, window),
        ...requests('198.51.100.73', 40, window),
      ]);
      await analyze(t.app, window);
      const folded = await baselineOf(db, '198.51.100.71');
      // α = 0.1: mean 100 + 0.1·31, deviation 0.9·10 + 0.1·31.
      expect(folded?.mean).toBeCloseTo(103.1, 9);
      expect(folded?.deviation).toBeCloseTo(12.1, 9);
      expect(folded).toMatchObject({ firstHour: hour - 48, lastHour: hour });
      const decayed = await baselineOf(db, '198.51.100.72');
      expect(decayed?.mean).toBeCloseTo(81 + 0.1 * (50 - 81), 9);
      expect(decayed?.deviation).toBeCloseTo(0.9 * 26.1 + 0.1 * 31, 9);
      expect(await baselineOf(db, '198.51.100.73')).toMatchObject({ mean: 40, deviation: 20, firstHour: hour, lastHour: hour });

      // A re-run of the hour neither judges against nor folds into the baselines again.
      await analyze(t.app, window);
      expect((await baselineOf(db, '198.51.100.71'))?.mean).toBeCloseTo(103.1, 9);
    });

    it('a run that fails after judging leaves the baselines as they were, so its retry judges the hour alike', async () => {
      const window = freshHour();
      await seedBaseline(db, window, '198.51.100.91', { mean: 10, deviation: 2, historyHours: 48 });
      await seedLogs(db, requests('198.51.100.91', 80, window));
      const record = jest.spyOn(t.app.get(DecisionService), 'record').mockRejectedValueOnce(new Error('database went away'));
      try {
        await expect(analyze(t.app, window)).rejects.toThrow('database went away');
      } finally {
        record.mockRestore();
      }
      expect(await baselineOf(db, '198.51.100.91')).toMatchObject({ mean: 10, deviation: 2 });
      expect(await flagged(db, ['198.51.100.91'])).toEqual([]);

      await analyze(t.app, window);
      expect(await flagged(db, ['198.51.100.91'])).toEqual(['198.51.100.91:baseline']);
      expect((await baselineOf(db, '198.51.100.91'))?.mean).toBeCloseTo(10 + 0.1 * 70, 9);
    });

    it('two full runs of different hours at once each fold once, one after the other, and leave no lock behind', async () => {
      const older = freshHour();
      const newer = { from: new Date(older.from.getTime() - HOUR_MS), to: older.from };
      // freshHour walks back in time: take the hour before `older` as well, and keep it for this test.
      freshHour();
      const [first, second] = [newer, older].sort((a, b) => a.from.getTime() - b.from.getTime());
      const hour = (window: { from: Date }) => Math.floor(window.from.getTime() / HOUR_MS);
      await seedLogs(db, [...requests('198.51.100.95', 30, first), ...requests('198.51.100.95', 30, second)]);
      await Promise.all([analyze(t.app, first), analyze(t.app, second)]);
      const folded = await baselineOf(db, '198.51.100.95');
      // Whichever committed first, the other started from it: the later hour is the last one folded in.
      expect(folded?.lastHour).toBe(hour(second));
      // And the lock is free: another hour folds at once.
      // (The current clock hour: later than every hour freshHour hands out, and used by no other test.)
      const now = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
      const third = { from: new Date(now), to: new Date(now + HOUR_MS) };
      await seedLogs(db, requests('198.51.100.95', 30, third));
      await analyze(t.app, third);
      expect((await baselineOf(db, '198.51.100.95'))?.lastHour).toBe(hour(third));
    });

    it('is consulted by clock hours only', async () => {
      const hour = freshHour();
      await seedBaseline(db, hour, '198.51.100.81', { mean: 1, deviation: 1, historyHours: 48 });
      await seedLogs(db, requests('198.51.100.81', 60, { from: hour.from, to: new Date(hour.from.getTime() + HOUR_MS / 2) }));
      await analyze(t.app, { from: hour.from, to: new Date(hour.from.getTime() + HOUR_MS / 2) });
      expect(await flagged(db, ['198.51.100.81'])).toEqual(['198.51.100.81:volume']);
      expect((await baselineOf(db, '198.51.100.81'))?.mean).toBe(1);
    });
  });

  it('re-running a window records nothing new', async () => {
    const window = freshHour();
    await seedLogs(db, [
      ...requests('198.51.100.91', 150, window),
      ...visits('198.51.100.92', ['/admin', '/.env'], window),
      ...requests('198.51.100.93', 25, window, { status: 401, authFailure: 'invalid_token' }),
    ]);
    const first = await analyze(t.app, window);
    const before = await findingsOf(db, ['198.51.100.91', '198.51.100.92', '198.51.100.93']);
    const second = await analyze(t.app, window);
    expect(first).toMatchObject({ findings: 3, duplicates: 0, byRule: { volume: 1, sensitive_path: 1, auth_failure: 1 } });
    expect(second).toMatchObject({ findings: 0, duplicates: 3, byRule: { volume: 0, sensitive_path: 0, auth_failure: 0 } });
    expect(await findingsOf(db, ['198.51.100.91', '198.51.100.92', '198.51.100.93'])).toEqual(before);
  });

  it('the 5-minute scanner pass applies the scanner rules only; the hour keeps its own findings', async () => {
    const hour = freshHour();
    // The hour's first slot: it starts when the hour does.
    const slot = { from: hour.from, to: new Date(hour.from.getTime() + 5 * 60_000) };
    await seedLogs(db, [
      ...visits('198.51.100.101', ['/wp-login.php'], slot),
      ...requests('198.51.100.102', 500, slot),
      ...requests('198.51.100.103', 30, slot, { status: 401, authFailure: 'wrong_password' }),
    ]);
    const ips = ['198.51.100.101', '198.51.100.102', '198.51.100.103'];
    const result = await analyze(t.app, slot, 'scan');
    expect(result).toMatchObject({ pass: 'scan', findings: 1, byRule: { sensitive_path: 1 } });
    expect(await flagged(db, ips)).toEqual(['198.51.100.101:sensitive_path']);

    expect(await analyze(t.app, hour)).toMatchObject({ findings: 3, duplicates: 0 });
    const windows = (await findingsOf(db, ips)).map(
      (f) => `${f.ip}:${f.rule}:${(f.windowEnd.getTime() - f.windowStart.getTime()) / 60_000}`,
    );
    expect(windows.sort()).toEqual([
      '198.51.100.101:sensitive_path:5',
      '198.51.100.101:sensitive_path:60',
      '198.51.100.102:volume:60',
      '198.51.100.103:auth_failure:60',
    ]);
  });
});
