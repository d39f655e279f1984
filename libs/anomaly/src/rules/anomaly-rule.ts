/** The detection rules, by the name findings, the API and ANOMALY_BAN_RULES use. */
export const ANOMALY_RULES = ['volume', 'sensitive_path', 'probing', 'auth_failure', 'baseline'] as const;
export type AnomalyRule = (typeof ANOMALY_RULES)[number];

/** Rules of the 5-minute pass: scanners do their damage in minutes, volume and baselines are hourly notions. */
export const SCANNER_RULES: readonly AnomalyRule[] = ['sensitive_path', 'probing'];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Orders severities: `atLeast('high', 'medium')` is true. */
export function atLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(minimum);
}

/** A path requested by a flagged IP, with how often (and how often it was refused with 403/404). */
export interface PathSample {
  path: string;
  count: number;
}

/** What a finding rests on; stored as JSON with the finding and served as is. */
export interface FindingEvidence {
  /** Requests from the IP in the window. */
  requests: number;
  authFailures: number;
  /** Distinct paths answered 403 or 404 (requests refused by an IP rule excluded). */
  probedPaths: number;
  /** Requests to sensitive paths (after normalisation). */
  sensitiveHits: number;
  /** The limit the rule compared against (volume, probing, auth failures, baseline). */
  threshold: number | null;
  /** The IP's baseline before this window (baseline rule only). */
  baseline: { mean: number; deviation: number; hours: number } | null;
  /** Up to 10 paths: the matched ones for sensitive paths, the refused ones for probing, else the most requested. */
  samplePaths: PathSample[];
}

/** A rule that fired for an IP in a window, before it is stored. */
export interface FindingDraft {
  ip: string;
  rule: AnomalyRule;
  severity: Severity;
  reason: string;
  evidence: FindingEvidence;
}
