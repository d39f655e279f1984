import { Injectable, Logger } from '@nestjs/common';
import { JobQueue, NotFoundError, AppConfig } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { AlertsService } from '../alerts/alerts.service';
import { DecisionService, RecordedFindings } from '../decisions/decision.service';
import { ANOMALY_RULES, AnomalyRule } from '../rules/anomaly-rule';
import { AnalysisWindow } from './analysis-window';
import { ANALYZE_WINDOW_JOB, AnalysisPass, AnalysisResult } from './analysis.jobs';
import { WindowAnalyzer } from './window-analyzer';

export type AnalysisState = 'waiting' | 'active' | 'completed' | 'failed';

export interface AnalysisStatus {
  jobId: string;
  state: AnalysisState;
  result: AnalysisResult | null;
  failedReason: string | null;
}

/**
 * Runs an analysis of a window (group it → record and decide → alert → fold
 * the hour into the baselines), and lets operators queue one and follow it.
 */
@Injectable()
export class AnalysisService {
  private readonly logger = new Logger('AnomalyAnalysis');

  constructor(
    private readonly analyzer: WindowAnalyzer,
    private readonly decisions: DecisionService,
    private readonly alerts: AlertsService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  /** Analyses the window in this process. Idempotent: a re-run records, bans and alerts nothing new. */
  async analyze(window: AnalysisWindow, pass: AnalysisPass = 'full'): Promise<AnalysisResult> {
    const started = Date.now();
    const run = await this.analyzer.analyze(window, pass);
    let recorded: RecordedFindings;
    try {
      recorded = await this.decisions.record(run.drafts, window);
      await this.alerts.notify(recorded.created);
      // Last: a retry after a failure above still judges the hour against the baseline it had.
      await run.foldBaselines();
    } finally {
      await run.close();
    }
    const byRule = Object.fromEntries(ANOMALY_RULES.map((rule) => [rule, 0])) as Record<AnomalyRule, number>;
    for (const finding of recorded.created) byRule[finding.rule] += 1;
    this.logger.log(
      `Analysed ${window.from.toISOString()}–${window.to.toISOString()} (${pass}) in ${Date.now() - started} ms: ` +
        `${recorded.created.length} new finding(s), ${recorded.duplicates} already recorded, ${recorded.bans} ban(s)`,
    );
    return {
      windowStart: window.from.toISOString(),
      windowEnd: window.to.toISOString(),
      pass,
      findings: recorded.created.length,
      byRule,
      duplicates: recorded.duplicates,
      bans: recorded.bans,
      dryRun: this.config.anomaly.dryRun,
    };
  }

  /** Queues a full analysis of any window; the worker (or this process, embedded) runs it. */
  request(window: AnalysisWindow): Promise<string> {
    return this.jobs.add(
      ANALYZE_WINDOW_JOB,
      { from: window.from.toISOString(), to: window.to.toISOString() },
      { jobId: `anomaly:manual:${randomUUID()}` },
    );
  }

  /** The same four states in both modes: a job waiting for a retry is `waiting`. */
  async status(jobId: string): Promise<AnalysisStatus> {
    const status = await this.jobs.getStatus<AnalysisResult>(ANALYZE_WINDOW_JOB, jobId);
    if (!status) throw new NotFoundError('Analysis job', jobId);
    return {
      jobId,
      state: status.state === 'delayed' ? 'waiting' : status.state,
      result: status.state === 'completed' ? (status.result ?? null) : null,
      failedReason: status.state === 'failed' ? (status.failedReason ?? null) : null,
    };
  }
}
