import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@nexus/core';
import { Counter, Gauge } from 'prom-client';
import { RequestLogBuffer } from './request-log.buffer';

/** The request-log buffer as Prometheus sees it, read from the buffer's own counters at scrape time. */
@Injectable()
export class RequestLogMetrics {
  constructor(registry: MetricsRegistry, buffer: RequestLogBuffer) {
    new Gauge({
      name: 'nexus_request_log_buffered_rows',
      help: 'Request-log rows waiting in this process to be written',
      registers: [registry],
      collect() {
        this.set(buffer.snapshot().buffered);
      },
    });
    // Counters that mirror the buffer's totals: reset and set on each scrape so they never drift from /health/ready.
    const mirror = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers: [registry],
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    mirror('nexus_request_log_dropped_rows_total', 'Request-log rows dropped because the buffer was full', () => buffer.snapshot().dropped);
    mirror(
      'nexus_request_log_rejected_rows_total',
      'Request-log rows the database refused for their content, set aside so that the rest of their batch was written',
      () => buffer.snapshot().rejected,
    );
    mirror('nexus_request_log_written_rows_total', 'Request-log rows written to the database', () => buffer.snapshot().rowsWritten);
    mirror('nexus_request_log_inserts_total', 'Multi-row INSERT statements that wrote request logs', () => buffer.snapshot().inserts);
  }
}
