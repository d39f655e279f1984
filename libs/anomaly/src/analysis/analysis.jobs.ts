import { defineJob, QUEUES } from '@nexus/core';
import type { AnomalyRule } from '../rules/anomaly-rule';

/** A window as ISO 8601 instants (job payloads are JSON). */
export interface WindowPayload {
  from: string;
  to: string;
}

/** Every rule over a window: the hourly run and operator requests. */
export const ANALYZE_WINDOW_JOB = defineJob<WindowPayload>(QUEUES.anomaly, 'analyze-window');
/** Scanner rules only (sensitive paths, probing) over a 5-minute slot. */
export const SCAN_WINDOW_JOB = defineJob<WindowPayload>(QUEUES.anomaly, 'scan-window');

export type AnalysisPass = 'full' | 'scan';

/** What a run did; the job's result, served by `GET /security/analysis/:jobId`. */
export interface AnalysisResult {
  windowStart: string;
  windowEnd: string;
  pass: AnalysisPass;
  /** New findings recorded by this run. */
  findings: number;
  byRule: Record<AnomalyRule, number>;
  /** Findings an earlier run of the same window had already recorded. */
  duplicates: number;
  /** Auto block rules created. */
  bans: number;
  dryRun: boolean;
}
