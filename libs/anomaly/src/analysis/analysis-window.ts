export const HOUR_MS = 3_600_000;
/** The scanner pass's window. */
export const SCAN_SLOT_MS = 300_000;
/** The longest window an operator may ask to analyse at once. */
export const MAX_WINDOW_MS = 7 * 24 * HOUR_MS;

/** A half-open time window [from, to). */
export interface AnalysisWindow {
  from: Date;
  to: Date;
}

function floorTo(date: Date, stepMs: number): number {
  return Math.floor(date.getTime() / stepMs) * stepMs;
}

/** The last full hour before `now` (10:00–11:00 at 11:02). */
export function previousHour(now: Date): AnalysisWindow {
  const to = floorTo(now, HOUR_MS);
  return { from: new Date(to - HOUR_MS), to: new Date(to) };
}

/** The last full 5-minute slot before `now` (10:05–10:10 at 10:10:30). */
export function previousScanSlot(now: Date): AnalysisWindow {
  const to = floorTo(now, SCAN_SLOT_MS);
  return { from: new Date(to - SCAN_SLOT_MS), to: new Date(to) };
}

/** Hours since the epoch: how baselines count hours. */
export function hourIndex(date: Date): number {
  return Math.floor(date.getTime() / HOUR_MS);
}

/** Exactly one clock hour: the only windows that feed and consult baselines. */
export function isClockHour(window: AnalysisWindow): boolean {
  return window.from.getTime() % HOUR_MS === 0 && window.to.getTime() - window.from.getTime() === HOUR_MS;
}

/** `anomaly:analyze:2026-11-26T10`: one hourly run per hour, whoever schedules it. */
export function hourlyJobId(window: AnalysisWindow): string {
  return `anomaly:analyze:${window.from.toISOString().slice(0, 13)}`;
}

/** `anomaly:scan:2026-11-26T10:05`: one scanner pass per 5-minute slot. */
export function scanJobId(window: AnalysisWindow): string {
  return `anomaly:scan:${window.from.toISOString().slice(0, 16)}`;
}

/** Parses a job payload's window; null when it is not a valid, bounded one. */
export function parseWindow(from: string, to: string): AnalysisWindow | null {
  const window = { from: new Date(from), to: new Date(to) };
  const length = window.to.getTime() - window.from.getTime();
  if (Number.isNaN(length) || length <= 0 || length > MAX_WINDOW_MS) return null;
  return window;
}
