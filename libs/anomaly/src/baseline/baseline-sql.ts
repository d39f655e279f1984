import { literal, SqlDialect } from '../database/sql';

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

  /**
   * Folds the hour's counts (`source`: ip, requests) into every baseline in one
   * INSERT … SELECT … upsert, joined on the ip_baselines primary key. An hour
   * already folded in (a re-run) changes nothing; a new IP starts at its count,
   * with half of it as deviation. Takes `:now`.
   */
  upsertFrom(source: string, dialect: SqlDialect): string {
    const x = 'w.requests';
    const upsert =
      dialect === 'mysql'
        ? 'ON DUPLICATE KEY UPDATE mean = VALUES(mean), deviation = VALUES(deviation), last_hour = VALUES(last_hour), updated_at = VALUES(updated_at)'
        : 'ON CONFLICT (ip) DO UPDATE SET mean = excluded.mean, deviation = excluded.deviation, last_hour = excluded.last_hour, updated_at = excluded.updated_at';
    // PostgreSQL types an untyped parameter in a SELECT list as text.
    const now = dialect === 'postgres' ? 'CAST(:now AS TIMESTAMP)' : ':now';
    return `
      INSERT INTO ip_baselines (ip, mean, deviation, first_hour, last_hour, updated_at)
      SELECT w.ip,
             CASE WHEN b.ip IS NULL THEN ${x} ELSE ${this.mean} + ${this.alpha} * (${x} - ${this.mean}) END,
             CASE WHEN b.ip IS NULL THEN ${x} * 0.5 ELSE ${this.keep} * ${this.deviation} + ${this.alpha} * ABS(${x} - ${this.mean}) END,
             COALESCE(b.first_hour, ${literal(this.hour)}), ${literal(this.hour)}, ${now}
      FROM ${source} w
      LEFT JOIN ip_baselines b ON b.ip = w.ip
      WHERE b.ip IS NULL OR b.last_hour < ${literal(this.hour)}
      ${upsert}`;
  }
}
