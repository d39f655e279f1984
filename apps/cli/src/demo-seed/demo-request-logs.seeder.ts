import { Injectable } from '@nestjs/common';
import { AppConfig } from '@nexus/core';
import { anonymizeIp } from '@nexus/core';
import { RequestLogBuffer } from '@nexus/ip-tracking';
import { CliProgress } from '../progress-bar';
import { DEMO_BRUTE_FORCER_IP, DEMO_SCANNER_IP, demoTraffic, TrafficContext } from './demo-traffic';
import { SeededRandom } from './seeded-random';

export interface DemoRequestLogsResult {
  written: number;
  from: Date;
  to: Date;
  /** As stored: truncated when LOG_ANONYMIZE_IP is on, like every logged address. */
  scannerIp: string;
  bruteForcerIp: string;
}

/**
 * Writes the demo traffic through the request-log buffer, the path every
 * served request takes (geolocation, IP anonymisation, one multi-row INSERT
 * per batch), one batch at a time so that nothing is held back or dropped.
 */
@Injectable()
export class DemoRequestLogsSeeder {
  constructor(
    private readonly buffer: RequestLogBuffer,
    private readonly config: AppConfig,
    private readonly progress: CliProgress,
  ) {}

  async seed(context: TrafficContext, random: SeededRandom): Promise<DemoRequestLogsResult> {
    const rows = demoTraffic(context, random);
    const { batchSize, anonymizeIp: anonymize } = this.config.requestLog;
    const before = this.buffer.snapshot();
    const bar = this.progress.start('Request logs', rows.length);
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      for (const row of batch) this.buffer.add(row);
      await this.buffer.drain();
      const after = this.buffer.snapshot();
      // The buffer keeps rows it could not write and logs why; a seed must fail instead.
      if (after.buffered > 0 || after.dropped > before.dropped) {
        throw new Error(`Request logs could not be written: ${after.lastError ?? `${after.dropped - before.dropped} rows dropped`}`);
      }
      bar.tick(batch.length);
    }
    bar.done();
    const stored = (ip: string) => (anonymize ? anonymizeIp(ip) : ip);
    return {
      written: this.buffer.snapshot().rowsWritten - before.rowsWritten,
      from: context.from,
      to: context.to,
      scannerIp: stored(DEMO_SCANNER_IP),
      bruteForcerIp: stored(DEMO_BRUTE_FORCER_IP),
    };
  }
}
