import { literal } from '../database/sql';

/**
 * The exponentially weighted baseline in SQL, so that 50,000 IPs are judged
 * and updated without leaving the database. With α the weight of a new hour,
 * each hour's count x updates (RFC 6298's smoothed RTT and variation):
 *
 *   mean ← mean + α·(x − mean)        deviation ← (1 − α)·deviation + α·|x − mean|
 *
 * Hours an IP was silent count as x = 0 without rows of their own: after g
 * silent hours the mean is mean·(1 − α)^g and the deviation
 * (1 − α)^g·deviation + α·g·(1 − α)^(g−1)·mean, the closed form of g such
 * updates. `b` is the ip_baselines alias; `hour` the window's hour number.
 */
export class BaselineSql {
  private readonly keep: string;
  private readonly alpha: string;
  private readonly gap: string;

  constructor(
    alpha: number,
    readonly hour: number,
  ) {
    this.alpha = literal(alpha);
    this.keep = literal(1 - alpha);
    // Silent hours between the last folded hour and this one.
    this.gap = `(${literal(hour)} - b.last_hour - 1)`;
  }

  /** The mean as of the start of this hour. */
  get mean(): string {
    return `(b.mean * POWER(${this.keep}, ${this.gap}))`;
  }

  /** The deviation as of the start of this hour. */
  get deviation(): string {
    return `(b.deviation * POWER(${this.keep}, ${this.gap}) + ${this.alpha} * ${this.gap} * b.mean * POWER(${this.keep}, ${this.gap} - 1))`;
  }

  /** Hours of history before this one. */
  get hours(): string {
    return `(${literal(this.hour)} - b.first_hour)`;
  }

  /** The limit a count must exceed (besides the floor) to be unusual. */
  limit(k: number): string {
    return `(${this.mean} + ${literal(k)} * ${this.deviation})`;
  }

  /** The mean after folding in `count`. */
  nextMean(count: string): string {
    return `(${this.mean} + ${this.alpha} * (${count} - ${this.mean}))`;
  }

  nextDeviation(count: string): string {
    return `(${this.keep} * ${this.deviation} + ${this.alpha} * ABS(${count} - ${this.mean}))`;
  }
}
