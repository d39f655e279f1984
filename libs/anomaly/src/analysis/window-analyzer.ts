import { Injectable } from '@nestjs/common';
import { AppConfig } from '@nexus/core';
import { BaselineSql } from '../baseline/baseline-sql';
import { ANOMALY_RULES, AnomalyRule, FindingDraft, PathSample, SCANNER_RULES } from '../rules/anomaly-rule';
import { SensitivePathMatcher } from '../rules/path-normalizer';
import { evaluateRules, RuleSettings, SensitiveHits, windowLabel } from '../rules/rule-evaluator';
import { AnalysisWindow, hourIndex, HOUR_MS, isClockHour } from './analysis-window';
import type { AnalysisPass } from './analysis.jobs';
import { RequestLogAnalysisRepository, SAMPLE_PATHS_PER_IP } from './request-log-analysis.repository';

/** IPs per `IN (…)` list. */
const IP_CHUNK = 500;

function byCountThenPath(a: PathSample, b: PathSample): number {
  return b.count - a.count || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** A window being analysed: its findings, and its counts held until the run ends. */
export interface WindowRun {
  drafts: FindingDraft[];
  /** Folds the window into the baselines, when the pass consults them (after recording: a retry judges alike). */
  foldBaselines(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Reads a window of request logs and says which IPs broke which rules, with
 * evidence. Reads only, apart from folding a clock hour into the baselines.
 */
@Injectable()
export class WindowAnalyzer {
  private readonly sensitive: SensitivePathMatcher;

  constructor(
    private readonly reads: RequestLogAnalysisRepository,
    private readonly config: AppConfig,
  ) {
    this.sensitive = new SensitivePathMatcher(config.anomaly.sensitivePaths);
  }

  /** The rules a pass applies: the scanner pass its two; a full pass all, the baseline on clock hours only. */
  rulesFor(window: AnalysisWindow, pass: AnalysisPass): Set<AnomalyRule> {
    if (pass === 'scan') return new Set(SCANNER_RULES);
    return new Set(ANOMALY_RULES.filter((rule) => rule !== 'baseline' || isClockHour(window)));
  }

  async analyze(window: AnalysisWindow, pass: AnalysisPass): Promise<WindowRun> {
    const settings = this.settingsFor(window, pass);
    const anomaly = this.config.anomaly;
    const baseline = settings.rules.has('baseline') ? new BaselineSql(anomaly.baseline.alpha, hourIndex(window.from)) : null;
    const counts = await this.reads.openWindowCounts(window, this.sensitive.sqlWords);
    try {
      const rows = await counts.flagged({
        rules: settings.rules,
        volumeLimit: settings.volumeLimit,
        probingThreshold: settings.probingThreshold,
        authFailureThreshold: settings.authFailureThreshold,
        baseline: baseline && { sql: baseline, k: anomaly.baseline.k, floor: anomaly.baseline.floor, minHours: anomaly.baseline.minHours },
      });
      const sensitive = settings.rules.has('sensitive_path')
        ? await this.sensitiveHits(
            rows.filter((row) => row.sensitiveCandidates > 0).map((row) => row.ip),
            window,
          )
        : new Map<string, SensitiveHits>();
      const drafts = rows
        .flatMap((row) => evaluateRules(row, sensitive.get(row.ip), settings))
        .sort((a, b) => a.ip.localeCompare(b.ip) || a.rule.localeCompare(b.rule));
      await this.attachSamples(drafts, window);
      return {
        drafts,
        foldBaselines: async () => {
          if (baseline) await counts.foldIntoBaselines(baseline);
        },
        close: () => counts.close(),
      };
    } catch (error) {
      await counts.close();
      throw error;
    }
  }

  private settingsFor(window: AnalysisWindow, pass: AnalysisPass): RuleSettings {
    const lengthMs = window.to.getTime() - window.from.getTime();
    const anomaly = this.config.anomaly;
    return {
      rules: this.rulesFor(window, pass),
      // The threshold is per hour; a count is an integer, so "more than 8.3" is "more than 8".
      volumeLimit: Math.max(1, Math.floor((anomaly.volumeThreshold * lengthMs) / HOUR_MS)),
      probingThreshold: anomaly.probingThreshold,
      authFailureThreshold: anomaly.authFailureThreshold,
      windowLabel: windowLabel(lengthMs),
    };
  }

  /** Exact matching of the pre-filtered paths: normalised, then compared with the configured list. */
  private async sensitiveHits(ips: string[], window: AnalysisWindow): Promise<Map<string, SensitiveHits>> {
    const hits = new Map<string, SensitiveHits>();
    for (const chunk of chunks(ips, IP_CHUNK)) {
      for (const row of await this.reads.sensitiveCandidates(chunk, window, this.sensitive.sqlWords)) {
        const target = this.sensitive.match(row.path);
        if (!target) continue;
        const entry = hits.get(row.ip) ?? { hits: 0, targets: [], paths: [] };
        entry.hits += row.count;
        if (!entry.targets.includes(target)) entry.targets.push(target);
        entry.paths.push({ path: row.path, count: row.count });
        hits.set(row.ip, entry);
      }
    }
    // Same order on every database, whatever its collation: the configured order, then by count.
    const rank = (target: string) => this.sensitive.paths.indexOf(target);
    for (const entry of hits.values()) {
      entry.targets.sort((a, b) => rank(a) - rank(b));
      entry.paths = entry.paths.sort(byCountThenPath).slice(0, SAMPLE_PATHS_PER_IP);
    }
    return hits;
  }

  /** Sample paths for the findings that have none yet: refused paths for probing, the most requested otherwise. */
  private async attachSamples(drafts: FindingDraft[], window: AnalysisWindow): Promise<void> {
    const needing = drafts.filter((draft) => draft.rule !== 'sensitive_path');
    const ips = [...new Set(needing.map((draft) => draft.ip))];
    const top = new Map<string, PathSample[]>();
    const refused = new Map<string, PathSample[]>();
    for (const chunk of chunks(ips, IP_CHUNK)) {
      for (const row of await this.reads.samplePaths(chunk, window)) {
        const all = top.get(row.ip) ?? [];
        if (all.length < SAMPLE_PATHS_PER_IP) all.push({ path: row.path, count: row.count });
        top.set(row.ip, all);
        if (row.refused > 0) refused.set(row.ip, [...(refused.get(row.ip) ?? []), { path: row.path, count: row.refused }]);
      }
    }
    for (const draft of needing) {
      draft.evidence.samplePaths =
        draft.rule === 'probing'
          ? (refused.get(draft.ip) ?? []).sort(byCountThenPath).slice(0, SAMPLE_PATHS_PER_IP)
          : (top.get(draft.ip) ?? []).sort(byCountThenPath);
    }
  }
}
