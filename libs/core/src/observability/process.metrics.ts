import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';

/** prom-client's default process and Node.js metrics (CPU, memory, event-loop lag, GC, handles). */
@Injectable()
export class ProcessMetrics {
  constructor(registry: MetricsRegistry) {
    collectDefaultMetrics({ register: registry });
  }
}
