import { AppConfig } from '@nexus/core';
import { AnomalyRule, atLeast, Severity } from '../rules/anomaly-rule';

/** Bans of the same target within this many days count towards the next one's length. */
export const BAN_HISTORY_DAYS = 30;
/** Each further ban in the history window lasts this many times longer (fail2ban's bantime.factor style). */
export const BAN_GROWTH_FACTOR = 4;

/**
 * Which findings ban: a rule listed in ANOMALY_BAN_RULES with at least
 * ANOMALY_BAN_SEVERITY. Everything else is only flagged.
 */
export class BanPolicy {
  private readonly rules: ReadonlySet<string>;

  constructor(private readonly settings: AppConfig['anomaly']) {
    this.rules = new Set(settings.banRules);
  }

  wantsBan(rule: AnomalyRule, severity: Severity): boolean {
    const minimum = this.settings.banSeverity;
    return minimum !== 'never' && this.rules.has(rule) && atLeast(severity, minimum);
  }

  /** The length of a ban after `previousBans` bans in the history window: base × 4^k, capped. */
  durationSeconds(previousBans: number): number {
    const { banBaseSeconds: base, banMaxSeconds: max } = this.settings;
    return Math.min(max, base * BAN_GROWTH_FACTOR ** Math.max(0, previousBans));
  }
}
