import { IpRuleEntity, IpRulesService } from '@nexus/ip-tracking';
import { DataSource } from 'typeorm';
import { analyzeThroughApi, findingsOf, freshHour, requests, rulesOn, seedLogs, seedPastBan, visits } from './support/anomaly-helpers';
import { expectProblem } from './support/auth-helpers';
import { addRule, fromIp, operatorToken, waitUntil } from './support/ip-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

/** Three sensitive targets: a high-severity finding, which bans under the default policy. */
const SCAN = ['/.env', '/.git/config', '/wp-login.php'];

/** The decision policy end to end: auto-bans the edge enforces, growing lengths, safelists, dry runs. */
describe(`anomaly detection: decisions (${testTarget()})`, () => {
  describe('bans', () => {
    let t: TestApp;
    let db: DataSource;
    let operator: string;

    beforeAll(async () => {
      // Tiny bans, so that one expires within the test.
      t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1', ANOMALY_BAN_BASE: '2s', ANOMALY_BAN_MAX: '60s' } });
      db = t.app.get(DataSource);
      operator = await operatorToken(t);
    });
    afterAll(async () => {
      await t?.close();
    });

    const live = (ip: string) => t.http.get('/health/live', fromIp(ip));

    it('an auto-ban creates a rule the API enforces with 403, and the ban expires; the next one lasts 4 times longer', async () => {
      const ip = '203.0.113.10';
      const hour = freshHour();
      await seedLogs(db, visits(ip, SCAN, hour, { status: 404 }));
      expect((await live(ip)).status).toBe(200);

      const job = await analyzeThroughApi(t.http, operator, hour);
      expect(job.result).toMatchObject({ findings: 1, bans: 1, dryRun: false });
      const [finding] = await findingsOf(db, ip);
      expect(finding).toMatchObject({
        rule: 'sensitive_path',
        severity: 'high',
        decision: 'ban',
        banSeconds: 2,
        ipRuleId: expect.any(String),
      });
      const [rule] = await rulesOn(db, ip);
      expect(rule).toMatchObject({ id: finding.ipRuleId, kind: 'block', targetType: 'ip', source: 'auto', createdBy: 'anomaly' });
      expect(rule.reason).toMatch(
        /^Anomaly detection: sensitive_path \(3 requests to sensitive paths: \/\.env, \/\.git, \/wp-login\.php\)$/,
      );
      expectProblem(await live(ip), 403, 'ip_blocked');
      expect((await live('203.0.113.11')).status).toBe(200);

      await waitUntil(async () => (await live(ip)).status === 200, 5000, 100);

      // Caught again in a later hour: the second ban in 30 days lasts 2 s × 4.
      const later = freshHour();
      await seedLogs(db, visits(ip, SCAN, later, { status: 404 }));
      expect((await analyzeThroughApi(t.http, operator, later)).result.bans).toBe(1);
      expect((await findingsOf(db, ip)).map((f) => f.banSeconds)).toEqual([8, 2]);
      const [second] = await rulesOn(db, ip);
      expect(second.expiresAt!.getTime() - second.createdAt.getTime()).toBeGreaterThanOrEqual(7000);
      expectProblem(await live(ip), 403, 'ip_blocked');
    });

    it('ban lengths grow as base × 4^k with the automatic bans of the last 30 days, and stop at ANOMALY_BAN_MAX', async () => {
      const hour = freshHour();
      // Two automatic bans in 30 days count; one older, and a manual one, do not.
      await seedPastBan(db, '203.0.113.20', 1);
      await seedPastBan(db, '203.0.113.20', 29);
      await seedPastBan(db, '203.0.113.20', 31);
      await seedPastBan(db, '203.0.113.20', 2, 'manual');
      for (let day = 1; day <= 6; day++) await seedPastBan(db, '203.0.113.21', day);
      await seedLogs(db, [...visits('203.0.113.20', SCAN, hour), ...visits('203.0.113.21', SCAN, hour)]);
      await analyzeThroughApi(t.http, operator, hour);
      const [twice, often] = await findingsOf(db, ['203.0.113.20', '203.0.113.21']);
      expect(twice).toMatchObject({ decision: 'ban', banSeconds: 2 * 4 ** 2 });
      expect(often).toMatchObject({ decision: 'ban', banSeconds: 60 });
      const [rule] = await rulesOn(db, '203.0.113.20');
      // created_at has whole seconds on some databases.
      expect(Math.abs((rule.expiresAt!.getTime() - rule.createdAt.getTime()) / 1000 - 32)).toBeLessThanOrEqual(1);
    });

    it('one ban per IP and run, shared by its findings; lower severities only flag', async () => {
      const hour = freshHour();
      const probes = Array.from({ length: 30 }, (_, i) => `/api/v1/x${i}`);
      await seedLogs(db, [
        ...visits('203.0.113.30', [...SCAN, ...probes], hour, { status: 404 }),
        ...visits('203.0.113.31', ['/admin'], hour, { status: 404 }),
      ]);
      const job = await analyzeThroughApi(t.http, operator, hour);
      expect(job.result).toMatchObject({ findings: 3, bans: 1 });
      const [probing, sensitive] = await findingsOf(db, '203.0.113.30');
      expect([probing.rule, sensitive.rule]).toEqual(['probing', 'sensitive_path']);
      expect(probing).toMatchObject({ severity: 'high', decision: 'ban', ipRuleId: sensitive.ipRuleId });
      expect(await rulesOn(db, '203.0.113.30')).toHaveLength(1);
      const [flagOnly] = await findingsOf(db, '203.0.113.31');
      expect(flagOnly).toMatchObject({ severity: 'medium', decision: 'flag', banSeconds: null, ipRuleId: null });
      expect(await rulesOn(db, '203.0.113.31')).toEqual([]);
    });

    it('the bans of one run are written together: each IP its own rule, one rules reload', async () => {
      const hour = freshHour();
      const ips = ['203.0.113.70', '203.0.113.71', '203.0.113.72'];
      await seedLogs(
        db,
        ips.flatMap((ip) => visits(ip, SCAN, hour)),
      );
      // One change: one reload here and one notice to the other instances (their reload, and this one's again, in services mode).
      const changed = jest.spyOn(t.app.get(IpRulesService) as unknown as { changed: () => Promise<void> }, 'changed');
      try {
        expect((await analyzeThroughApi(t.http, operator, hour)).result).toMatchObject({ findings: 3, bans: 3 });
        expect(changed).toHaveBeenCalledTimes(1);
      } finally {
        changed.mockRestore();
      }
      const findings = await findingsOf(db, ips);
      for (const [i, ip] of ips.entries()) {
        const [rule] = await rulesOn(db, ip);
        expect(findings[i]).toMatchObject({ ip, decision: 'ban', ipRuleId: rule.id });
        expectProblem(await live(ip), 403, 'ip_blocked');
      }
    });

    it('a safelisted IP is never banned', async () => {
      const hour = freshHour();
      await addRule(t, 'allow', '203.0.113.40');
      await seedLogs(db, visits('203.0.113.40', SCAN, hour));
      await analyzeThroughApi(t.http, operator, hour);
      const [finding] = await findingsOf(db, '203.0.113.40');
      expect(finding).toMatchObject({ severity: 'high', decision: 'safelisted', banSeconds: null, ipRuleId: null });
      expect((await rulesOn(db, '203.0.113.40')).map((rule) => rule.kind)).toEqual(['allow']);
      expect((await live('203.0.113.40')).status).toBe(200);
    });

    it("loopback (ANOMALY_NEVER_BAN, like fail2ban's ignoreip) is flagged but never banned", async () => {
      const hour = freshHour();
      await seedLogs(db, visits('127.0.0.9', SCAN, hour));
      await analyzeThroughApi(t.http, operator, hour);
      const [finding] = await findingsOf(db, '127.0.0.9');
      expect(finding).toMatchObject({ severity: 'high', decision: 'safelisted', banSeconds: null, ipRuleId: null });
      expect(await rulesOn(db, '127.0.0.9')).toEqual([]);
    });

    it('an IP already blocked is not banned again', async () => {
      const hour = freshHour();
      await addRule(t, 'block', '203.0.113.50');
      await seedLogs(db, visits('203.0.113.50', SCAN, hour));
      await analyzeThroughApi(t.http, operator, hour);
      const [finding] = await findingsOf(db, '203.0.113.50');
      expect(finding).toMatchObject({ decision: 'already_blocked', ipRuleId: null });
      expect((await rulesOn(db, '203.0.113.50')).map((rule) => rule.source)).toEqual(['manual']);
    });
  });

  describe('with LOG_ANONYMIZE_IP=true', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1', LOG_ANONYMIZE_IP: 'true' } });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('bans the logged network; two offenders of one network in a run share its one rule', async () => {
      const db = t.app.get(DataSource);
      const hour = freshHour();
      // Full addresses, as rows written before LOG_ANONYMIZE_IP was turned on hold them: both stand for 198.51.100.0/24.
      await seedLogs(db, [...visits('198.51.100.5', SCAN, hour), ...requests('198.51.100.6', 2000, hour)]);
      const job = await analyzeThroughApi(t.http, await operatorToken(t), hour);
      expect(job.result).toMatchObject({ findings: 2, bans: 1 });
      const rules = await db.getRepository(IpRuleEntity).find({ where: { target: '198.51.100.0/24' } });
      expect(rules).toHaveLength(1);
      expect(await findingsOf(db, ['198.51.100.5', '198.51.100.6'])).toMatchObject([
        { ip: '198.51.100.5', decision: 'ban', ipRuleId: rules[0].id },
        { ip: '198.51.100.6', decision: 'already_blocked', ipRuleId: null },
      ]);
      expectProblem(await t.http.get('/health/live', fromIp('198.51.100.77')), 403, 'ip_blocked');
    });
  });

  describe('dry run with LOG_ANONYMIZE_IP=true', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1', LOG_ANONYMIZE_IP: 'true', ANOMALY_DRY_RUN: 'true' } });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('records the would-be ban of the network for each of its offenders', async () => {
      const db = t.app.get(DataSource);
      const hour = freshHour();
      await seedLogs(db, [...visits('198.51.100.15', SCAN, hour), ...requests('198.51.100.16', 2000, hour)]);
      expect((await analyzeThroughApi(t.http, await operatorToken(t), hour)).result).toMatchObject({ findings: 2, bans: 0 });
      expect(await findingsOf(db, ['198.51.100.15', '198.51.100.16'])).toMatchObject([
        { decision: 'dry_run', banSeconds: 3600, ipRuleId: null },
        { decision: 'dry_run', banSeconds: 3600, ipRuleId: null },
      ]);
      expect(await db.getRepository(IpRuleEntity).find({ where: { target: '198.51.100.0/24' } })).toEqual([]);
    });
  });

  describe('dry run (ANOMALY_DRY_RUN=true)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1', ANOMALY_DRY_RUN: 'true' } });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('records what it would have done and bans nobody', async () => {
      const db = t.app.get(DataSource);
      const hour = freshHour();
      await seedLogs(db, [...visits('203.0.113.60', SCAN, hour), ...requests('203.0.113.61', 2000, hour)]);
      const job = await analyzeThroughApi(t.http, await operatorToken(t), hour);
      expect(job.result).toMatchObject({ findings: 2, bans: 0, dryRun: true });
      expect(await findingsOf(db, ['203.0.113.60', '203.0.113.61'])).toMatchObject([
        { rule: 'sensitive_path', severity: 'high', decision: 'dry_run', banSeconds: 3600, ipRuleId: null },
        { rule: 'volume', severity: 'high', decision: 'dry_run', banSeconds: 3600, ipRuleId: null },
      ]);
      expect(await rulesOn(db, '203.0.113.60')).toEqual([]);
      expect((await t.http.get('/health/live', fromIp('203.0.113.60'))).status).toBe(200);
    });
  });
});
