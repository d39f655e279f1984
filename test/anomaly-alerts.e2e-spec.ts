import { JobQueue } from '@nexus/core';
import { DataSource } from 'typeorm';
import { SEND_ALERT_JOB } from '../libs/anomaly/src/alerts/alerts.jobs';
import { analyzeThroughApi, findingsOf, freshHour, requests, seedLogs, visits, WebhookReceiver } from './support/anomaly-helpers';
import { operatorToken, sleep, waitUntil } from './support/ip-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

/** ALERT_WEBHOOK_URL against a receiver this test runs on 127.0.0.1. */
describe(`anomaly detection: alert webhook (${testTarget()})`, () => {
  let receiver: WebhookReceiver;
  let t: TestApp;
  let db: DataSource;
  let operator: string;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await startTestApp({ env: { ALERT_WEBHOOK_URL: receiver.url, ANOMALY_BAN_SEVERITY: 'never' } });
    db = t.app.get(DataSource);
    operator = await operatorToken(t);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const alertsFor = (ip: string) => receiver.received.filter((alert) => alert.body.finding.ip === ip);

  it('POSTs each new finding as JSON', async () => {
    const hour = freshHour();
    await seedLogs(db, [...requests('192.0.2.101', 150, hour), ...visits('192.0.2.102', ['/wp-login.php'], hour)]);
    await analyzeThroughApi(t.http, operator, hour);
    await waitUntil(async () => alertsFor('192.0.2.101').length + alertsFor('192.0.2.102').length === 2, 5000, 20);
    const [finding] = await findingsOf(db, '192.0.2.102');
    const [alert] = alertsFor('192.0.2.102');
    expect(alert.headers['content-type']).toBe('application/json');
    expect(alert.headers['user-agent']).toBe('nexus-anomaly-alerts');
    expect(alert.body).toEqual({
      event: 'anomaly.finding',
      finding: {
        id: finding.id,
        ip: '192.0.2.102',
        windowStart: hour.from.toISOString(),
        windowEnd: hour.to.toISOString(),
        rule: 'sensitive_path',
        reason: '1 request to sensitive paths: /wp-login.php',
        evidence: {
          requests: 1,
          authFailures: 0,
          probedPaths: 0,
          sensitiveHits: 1,
          threshold: null,
          baseline: null,
          samplePaths: [{ path: '/wp-login.php', count: 1 }],
        },
        severity: 'medium',
        country: null,
        status: 'open',
        decision: 'flag',
        banSeconds: null,
        ipRuleId: null,
        createdAt: finding.createdAt.toISOString(),
      },
    });
    expect(alertsFor('192.0.2.101').map((a) => a.body.finding.rule)).toEqual(['volume']);
  });

  it('alerts an IP and rule once within the hour; another rule of the same IP still alerts', async () => {
    const hour = freshHour();
    await seedLogs(db, [
      ...requests('192.0.2.101', 150, hour),
      ...requests('192.0.2.101', 20, hour, { status: 401, authFailure: 'invalid_token' }),
    ]);
    const job = await analyzeThroughApi(t.http, operator, hour);
    expect(job.result.byRule).toMatchObject({ volume: 1, auth_failure: 1 });
    await waitUntil(async () => alertsFor('192.0.2.101').length === 2, 5000, 20);
    await sleep(200);
    expect(alertsFor('192.0.2.101').map((a) => a.body.finding.rule)).toEqual(['volume', 'auth_failure']);
  });

  it('retries a receiver that fails, and gives up at once on one that refuses', async () => {
    const hour = freshHour();
    receiver.answerWith(503);
    await seedLogs(db, visits('192.0.2.103', ['/.env'], hour));
    await analyzeThroughApi(t.http, operator, hour);
    // The first try gets 503; the retry, a second later, is accepted.
    await waitUntil(async () => alertsFor('192.0.2.103').length === 2, 5000, 50);
    const [first, retry] = alertsFor('192.0.2.103');
    expect(retry.body).toEqual(first.body);

    const later = freshHour();
    receiver.answerWith(400);
    await seedLogs(db, visits('192.0.2.104', ['/.env'], later));
    await analyzeThroughApi(t.http, operator, later);
    const [finding] = await findingsOf(db, '192.0.2.104');
    const jobs = t.app.get(JobQueue);
    await waitUntil(async () => (await jobs.getStatus(SEND_ALERT_JOB, `alert:${finding.id}`))?.state === 'failed', 5000, 20);
    expect(await jobs.getStatus(SEND_ALERT_JOB, `alert:${finding.id}`)).toMatchObject({
      state: 'failed',
      attemptsMade: 1,
      failedReason: 'Alert webhook answered 400',
    });
    expect(alertsFor('192.0.2.104')).toHaveLength(1);
  });
});
