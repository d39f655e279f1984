import { Logger } from '@nestjs/common';
import { AppConfig, CacheMetrics, HealthContributors, MetricsRegistry } from '@nexus/core';
import { QueryFailedError } from 'typeorm';
import { GeoIpService } from '../geo/geo-ip.service';
import { RequestLogBuffer, PendingRequestLog } from './request-log.buffer';
import { NewRequestLog, RequestLogsRepository } from './request-logs.repository';

/** A repository that records inserts and can be made to fail, like a database going down or refusing a value. */
class FakeRepository {
  inserts: NewRequestLog[][] = [];
  down = false;
  /** Paths the "database" refuses, as PostgreSQL refuses a NUL in text (SQLSTATE 22021). */
  refused = new Set<string>();
  /** Goes down after this many more insert attempts (Infinity: never). */
  downAfter = Infinity;
  async insertMany(rows: NewRequestLog[]): Promise<void> {
    if (this.down || this.downAfter-- <= 0) throw new Error('connect ECONNREFUSED');
    const bad = rows.find((r) => this.refused.has(r.path));
    if (bad)
      throw new QueryFailedError('INSERT …', [], Object.assign(new Error(`invalid byte sequence in ${bad.path}`), { code: '22021' }));
    this.inserts.push(rows);
  }
}

function row(n: number): PendingRequestLog {
  return {
    occurredAt: new Date(),
    ip: '81.2.69.142',
    method: 'GET',
    path: `/p/${n}`,
    route: null,
    status: 200,
    latencyMs: 1,
    userAgent: null,
    userId: null,
    organizationId: null,
    blocked: false,
    throttled: false,
    authFailure: null,
  };
}

function setup(env: Record<string, string> = {}) {
  const config = AppConfig.forTest({
    REQUEST_LOG_BATCH_SIZE: '100',
    REQUEST_LOG_BUFFER_SIZE: '250',
    REQUEST_LOG_FLUSH_INTERVAL: '600000',
    ...env,
  });
  const repository = new FakeRepository();
  const geo = new GeoIpService(config, new CacheMetrics(new MetricsRegistry()));
  const buffer = new RequestLogBuffer(repository as unknown as RequestLogsRepository, geo, config, new HealthContributors());
  return { buffer, repository };
}

describe('RequestLogBuffer', () => {
  it('writes rows in multi-row batches and enriches them with geolocation', async () => {
    const { buffer, repository } = setup();
    for (let i = 0; i < 230; i++) buffer.add(row(i));
    await buffer.drain();
    expect(repository.inserts.map((batch) => batch.length)).toEqual([100, 100, 30]);
    expect(repository.inserts[0][0]).toMatchObject({ path: '/p/0', country: 'GB', city: 'London' });
    expect(buffer.snapshot()).toMatchObject({ buffered: 0, inserts: 3, rowsWritten: 230, dropped: 0 });
  });

  it('keeps rows while the database is down, drops the oldest beyond its bound, and counts them', async () => {
    const { buffer, repository } = setup();
    repository.down = true;
    for (let i = 0; i < 300; i++) buffer.add(row(i));
    await buffer.flush();
    expect(buffer.snapshot()).toMatchObject({ buffered: 250, dropped: 50, inserts: 0, lastError: 'connect ECONNREFUSED' });
    repository.down = false;
    await buffer.drain();
    const written = repository.inserts.flat().map((r) => r.path);
    expect(written).toHaveLength(250);
    expect(written[0]).toBe('/p/50');
    expect(written.at(-1)).toBe('/p/299');
    expect(buffer.snapshot()).toMatchObject({ buffered: 0, dropped: 50, lastError: null });
  });

  it('warns once per error, and again every minute while it lasts with the number of rows dropped so far', async () => {
    const { buffer, repository } = setup();
    const warn = jest.spyOn((buffer as unknown as { logger: Logger }).logger, 'warn').mockImplementation(() => undefined);
    const clock = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      repository.down = true;
      for (let i = 0; i < 300; i++) buffer.add(row(i));
      await buffer.flush();
      await buffer.flush();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][1]).toMatch(/keeping 250 rows, 50 dropped so far: connect ECONNREFUSED/);
      for (let i = 0; i < 40; i++) buffer.add(row(i));
      clock.mockReturnValue(1_000_000 + 59_999);
      await buffer.flush();
      expect(warn).toHaveBeenCalledTimes(1);
      clock.mockReturnValue(1_000_000 + 60_000);
      await buffer.flush();
      expect(warn).toHaveBeenCalledTimes(2);
      expect(warn.mock.calls[1][0]).toEqual({ dropped: 90, buffered: 250 });
    } finally {
      warn.mockRestore();
      clock.mockRestore();
    }
  });

  it('sets aside rows the database refuses for their content and writes the rest of their batch', async () => {
    const { buffer, repository } = setup();
    repository.refused = new Set(['/p/17', '/p/140']);
    for (let i = 0; i < 230; i++) buffer.add(row(i));
    await buffer.drain();
    const written = repository.inserts.flat().map((r) => r.path);
    expect(written).toHaveLength(228);
    expect(written).not.toContain('/p/17');
    expect(written).not.toContain('/p/140');
    expect(new Set(written).size).toBe(228);
    expect(buffer.snapshot()).toMatchObject({ buffered: 0, rejected: 2, dropped: 0, rowsWritten: 228, lastError: null });
  });

  it('keeps the untried rows when the database goes down while a refused row is being isolated', async () => {
    const { buffer, repository } = setup();
    repository.refused = new Set(['/p/90']);
    // The whole batch fails on /p/90, its first half (/p/0–49) is written, then the database is gone.
    repository.downAfter = 2;
    for (let i = 0; i < 100; i++) buffer.add(row(i));
    await buffer.flush();
    expect(repository.inserts.flat().map((r) => r.path)).toEqual(Array.from({ length: 50 }, (_, i) => `/p/${i}`));
    expect(buffer.snapshot()).toMatchObject({ buffered: 50, rejected: 0, lastError: 'connect ECONNREFUSED' });
    repository.downAfter = Infinity;
    await buffer.drain();
    const written = repository.inserts.flat().map((r) => r.path);
    expect(written).toHaveLength(99);
    expect(written).not.toContain('/p/90');
    expect(buffer.snapshot()).toMatchObject({ buffered: 0, rejected: 1, lastError: null });
  });

  it('stores truncated addresses when anonymising', async () => {
    const { buffer, repository } = setup({ LOG_ANONYMIZE_IP: 'true' });
    buffer.add(row(1));
    await buffer.drain();
    expect(repository.inserts[0][0]).toMatchObject({ ip: '81.2.69.0', country: 'GB' });
  });
});
