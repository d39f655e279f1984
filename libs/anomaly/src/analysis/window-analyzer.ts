import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, chunks } from '@nexus/core';
import { BaselineSql } from '../baseline/baseline-sql';
import { ANOMALY_RULES, AnomalyRule, FindingDraft, PathSample, SCANNER_RULES } from '../rules/anomaly-rule';
import { SensitivePathMatcher } from '../rules/path-normalizer';
import { evaluateRules, RuleSettings, SensitiveHits, windowLabel } from '../rules/rule-evaluator';
import { AnalysisWindow, hourIndex, HOUR_MS, isClockHour } from './analysis-window';
import type { PendingFold } from './window-counts';
import type { AnalysisPass } from './analysis.jobs';
import { RequestLogAnalysisRepository, SAMPLE_PATHS_PER_IP } from './request-log-analysis.repository';

/** IPs per `IN (…)` list. */
const IP_CHUNK = 500;

function byCountThenPath(a: PathSample, b: PathSample): number {
  return b.count - a.count || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** What the paths of one flagged IP say. */
interface IpPaths {
  /** Distinct paths refused with 403/404. */
  probedPaths: number;
  /** Its most requested paths, and its most refused ones (by refusals). */
  top: PathSample[];
  refused: PathSample[];
  /** Its requests to sensitive paths, when it made any. */
  sensitive: SensitiveHits | undefined;
}

/** A window being analysed: its findings, and its counts held until the run ends. */
export interface WindowRun {
  drafts: FindingDraft[];
  /**
   * Makes the window's fold into the baselines count, when the pass consults
   * them. Called after recording; the fold itself started as soon as the
   * baselines were read, and is undone by `close` if this is never called.
   */
  foldBaselines(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Reads a window of request logs and says which IPs broke which rules, with
 * evidence. Reads only, apart from folding a clock hour into the baselines.
 */
@Injectable()
export class WindowAnalyzer {
  private readonly logger = new Logger('AnomalyAnalysis');
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
    const counts = await this.reads.openWindowCounts(window, this.sensitive.roots);
    let fold: PendingFold | null = null;
    const close = async () => {
      try {
        await fold?.abandon();
      } finally {
        await counts.close();
      }
    };
    try {
      const rows = await counts.flagged({
        rules: settings.rules,
        volumeLimit: settings.volumeLimit,
        probingThreshold: settings.probingThreshold,
        authFailureThreshold: settings.authFailureThreshold,
        baseline: baseline && { sql: baseline, k: anomaly.baseline.k, floor: anomaly.baseline.floor, minHours: anomaly.baseline.minHours },
      });
      // The baselines have been read: their update can go on while the paths are read and the findings recorded.
      if (baseline) fold = await counts.beginFold(baseline);
      const paths = await this.pathsOf(
        rows.map((row) => row.ip),
        window,
        settings.rules.has('sensitive_path'),
      );
      const drafts = rows
        .flatMap((row) => {
          const ip = paths.get(row.ip);
          return evaluateRules({ ...row, probedPaths: ip?.probedPaths ?? 0 }, ip?.sensitive, settings).map((draft) => {
            // Sensitive-path findings carry the matched paths; probing the refused ones; the rest the most requested.
            if (draft.rule === 'probing') draft.evidence.samplePaths = ip?.refused ?? [];
            else if (draft.rule !== 'sensitive_path') draft.evidence.samplePaths = ip?.top ?? [];
            return draft;
          });
        })
        .sort((a, b) => a.ip.localeCompare(b.ip) || a.rule.localeCompare(b.rule));
      return {
        drafts,
        foldBaselines: async () => {
          await fold?.commit();
        },
        close,
      };
    } catch (error) {
      // The first failure is the one to report; one closing the run as well is only logged.
      await close().catch((closing: unknown) =>
        this.logger.warn(`Closing a failed analysis run failed too: ${(closing as Error).message}`),
      );
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

  /**
   * What the flagged IPs' paths say: the exact count of distinct refused
   * paths, sample paths, and the exact sensitive-path matches of the
   * candidates (normalised, then compared with the configured list).
   */
  private async pathsOf(ips: string[], window: AnalysisWindow, matchSensitive: boolean): Promise<Map<string, IpPaths>> {
    const result = new Map<string, IpPaths>();
    for (const chunk of chunks(ips, IP_CHUNK)) {
      for (const row of await this.reads.flaggedPaths(chunk, window, this.sensitive.roots)) {
        let entry = result.get(row.ip);
        if (!entry) {
          entry = { probedPaths: row.probedPaths, top: [], refused: [], sensitive: undefined };
          result.set(row.ip, entry);
        }
        if (row.top) entry.top.push({ path: row.path, count: row.hits });
        if (row.topRefused) entry.refused.push({ path: row.path, count: row.refused });
        const target = matchSensitive && row.candidate ? this.sensitive.match(row.path) : null;
        if (!target) continue;
        const hits = (entry.sensitive ??= { hits: 0, targets: [], paths: [] });
        hits.hits += row.hits;
        if (!hits.targets.includes(target)) hits.targets.push(target);
        hits.paths.push({ path: row.path, count: row.hits });
      }
    }
    // Same order on every database, whatever its collation: the configured order, then by count.
    const rank = (target: string) => this.sensitive.paths.indexOf(target);
    for (const entry of result.values()) {
      entry.top.sort(byCountThenPath);
      entry.refused.sort(byCountThenPath);
      if (!entry.sensitive) continue;
      entry.sensitive.targets.sort((a, b) => rank(a) - rank(b));
      entry.sensitive.paths = entry.sensitive.paths.sort(byCountThenPath).slice(0, SAMPLE_PATHS_PER_IP);
    }
    return result;
  }
}
