import { AnomalyRule, FindingDraft, FindingEvidence, PathSample, Severity } from './anomaly-rule';

/** One IP's counts over a window, as the window aggregate returns them. */
export interface IpWindowCounts {
  ip: string;
  requests: number;
  authFailures: number;
  probedPaths: number;
  /** The IP's baseline before the window, when the pass consults baselines and the IP has one. */
  baseline: { hit: boolean; mean: number; deviation: number; hours: number; limit: number } | null;
}

/** Requests of one IP to sensitive paths, after exact matching. */
export interface SensitiveHits {
  hits: number;
  /** Distinct configured sensitive paths touched. */
  targets: string[];
  /** The raw paths that matched, most requested first. */
  paths: PathSample[];
}

/** Thresholds for one run: ANOMALY_* config, with the volume limit scaled to the window. */
export interface RuleSettings {
  rules: ReadonlySet<AnomalyRule>;
  /** More requests than this in the window is flagged. */
  volumeLimit: number;
  probingThreshold: number;
  authFailureThreshold: number;
  /** e.g. "1 h" or "5 min", for reasons. */
  windowLabel: string;
}

/** A count this many times its threshold makes a finding high (and a third of it medium, for volume). */
const HIGH_FACTOR = 3;
const VOLUME_HIGH_FACTOR = 10;
/** Distinct sensitive targets from which a visit is a scan (high). */
const SENSITIVE_TARGETS_HIGH = 3;

function evidenceOf(row: IpWindowCounts, sensitive: SensitiveHits | undefined, threshold: number | null): FindingEvidence {
  return {
    requests: row.requests,
    authFailures: row.authFailures,
    probedPaths: row.probedPaths,
    sensitiveHits: sensitive?.hits ?? 0,
    threshold,
    baseline: null,
    samplePaths: [],
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The rules, applied to one IP's counts. Boundaries: volume flags more than
 * the limit (exactly the limit is fine); probing and auth failures flag from
 * their threshold on; the baseline's verdict comes from SQL (`baseline.hit`).
 */
export function evaluateRules(row: IpWindowCounts, sensitive: SensitiveHits | undefined, settings: RuleSettings): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const add = (rule: AnomalyRule, severity: Severity, reason: string, evidence: FindingEvidence) =>
    findings.push({ ip: row.ip, rule, severity, reason, evidence });
  const { rules } = settings;

  if (rules.has('volume') && row.requests > settings.volumeLimit) {
    const ratio = row.requests / settings.volumeLimit;
    const severity: Severity = ratio >= VOLUME_HIGH_FACTOR ? 'high' : ratio >= HIGH_FACTOR ? 'medium' : 'low';
    add(
      'volume',
      severity,
      `${plural(row.requests, 'request')} in ${settings.windowLabel} (more than ${settings.volumeLimit})`,
      evidenceOf(row, sensitive, settings.volumeLimit),
    );
  }
  if (rules.has('sensitive_path') && sensitive && sensitive.hits > 0) {
    const severity: Severity = sensitive.targets.length >= SENSITIVE_TARGETS_HIGH ? 'high' : 'medium';
    add(
      'sensitive_path',
      severity,
      `${plural(sensitive.hits, 'request')} to sensitive paths: ${sensitive.targets.join(', ')}`.slice(0, 500),
      { ...evidenceOf(row, sensitive, null), samplePaths: sensitive.paths },
    );
  }
  if (rules.has('probing') && row.probedPaths >= settings.probingThreshold) {
    const severity: Severity = row.probedPaths >= settings.probingThreshold * HIGH_FACTOR ? 'high' : 'medium';
    add(
      'probing',
      severity,
      `${plural(row.probedPaths, 'distinct path')} answered 403/404 in ${settings.windowLabel} (threshold ${settings.probingThreshold})`,
      evidenceOf(row, sensitive, settings.probingThreshold),
    );
  }
  if (rules.has('auth_failure') && row.authFailures >= settings.authFailureThreshold) {
    const severity: Severity = row.authFailures >= settings.authFailureThreshold * HIGH_FACTOR ? 'high' : 'medium';
    add(
      'auth_failure',
      severity,
      `${plural(row.authFailures, 'failed authentication')} in ${settings.windowLabel} (threshold ${settings.authFailureThreshold})`,
      evidenceOf(row, sensitive, settings.authFailureThreshold),
    );
  }
  const baseline = row.baseline;
  if (rules.has('baseline') && baseline?.hit) {
    const severity: Severity = row.requests > 2 * baseline.limit ? 'medium' : 'low';
    const round = (n: number) => Math.round(n * 100) / 100;
    add(
      'baseline',
      severity,
      `${plural(row.requests, 'request')} in ${settings.windowLabel} against a usual ${round(baseline.mean)} ± ${round(baseline.deviation)} (limit ${round(baseline.limit)})`,
      {
        ...evidenceOf(row, sensitive, round(baseline.limit)),
        baseline: { mean: round(baseline.mean), deviation: round(baseline.deviation), hours: baseline.hours },
      },
    );
  }
  return findings;
}

/** "1 h", "5 min", "90 min", "1 d". */
export function windowLabel(lengthMs: number): string {
  const minutes = Math.round(lengthMs / 60_000);
  if (minutes > 0 && minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes > 0 && minutes % 60 === 0) return `${minutes / 60} h`;
  return minutes > 0 ? `${minutes} min` : `${Math.round(lengthMs / 1000)} s`;
}
