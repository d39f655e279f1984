import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@nexus/core';
import { Gauge } from 'prom-client';
import { SuspiciousIpsRepository } from './suspicious-ips.repository';

/** Scrapes closer together than this share one read of the findings table. */
const REFRESH_MS = 15_000;

type Counts = Awaited<ReturnType<SuspiciousIpsRepository['countsByRule']>>;

/**
 * Suspicious IPs found and bans issued. The worker finds them, the API serves
 * /metrics: the numbers are read from the database (cluster-wide, the same on
 * every replica; aggregate with max), cached briefly so scrapes stay cheap.
 */
@Injectable()
export class AnomalyMetrics {
  private cached: { at: number; counts: Counts; bans: number } | null = null;

  constructor(
    registry: MetricsRegistry,
    private readonly findings: SuspiciousIpsRepository,
  ) {
    const read = () => this.read();
    new Gauge({
      name: 'nexus_anomaly_findings',
      help: 'Suspicious-IP findings recorded, by rule, status and decision',
      labelNames: ['rule', 'status', 'decision'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of (await read()).counts) this.set({ rule: row.rule, status: row.status, decision: row.decision }, row.count);
      },
    });
    new Gauge({
      name: 'nexus_anomaly_bans_issued',
      help: 'Automatic block rules the anomaly detection created (expired ones included)',
      registers: [registry],
      async collect() {
        this.set((await read()).bans);
      },
    });
  }

  private async read(): Promise<{ counts: Counts; bans: number }> {
    if (this.cached && Date.now() - this.cached.at < REFRESH_MS) return this.cached;
    const [counts, bans] = await Promise.all([this.findings.countsByRule(), this.findings.countBans()]);
    this.cached = { at: Date.now(), counts, bans };
    return this.cached;
  }
}
