import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@nexus/core';
import { collectDefaultMetrics } from 'prom-client';

/** prom-client's default process and Node.js metrics (CPU, memory, event-loop lag, GC, handles). */
@Injectable()
export class ProcessMetrics {
  constructor(registry: MetricsRegistry) {
    collectDefaultMetrics({ register: registry });
  }
}
