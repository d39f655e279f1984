import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUniqueViolation } from '@nexus/core';
import { LessThan, LessThanOrEqual, Repository } from 'typeorm';
import { AlertMarkEntity } from './alert-mark.entity';

@Injectable()
export class AlertMarksRepository {
  constructor(@InjectRepository(AlertMarkEntity) private readonly marks: Repository<AlertMarkEntity>) {}

  /**
   * Claims the right to alert for (ip, rule) at `now`: true for the first
   * claim, and for the first one after `quietMs` has passed since the last.
   * An update conditional on the old time, or an insert that the primary key
   * lets only one writer win: atomic on every database, so two workers never
   * both alert.
   */
  async claim(ip: string, rule: string, now: Date, quietMs: number): Promise<boolean> {
    const stale = await this.marks.update({ ip, rule, alertedAt: LessThanOrEqual(new Date(now.getTime() - quietMs)) }, { alertedAt: now });
    if ((stale.affected ?? 0) > 0) return true;
    // A recent mark: the common "already alerted" case, answered without provoking a key violation.
    if (await this.marks.exists({ where: { ip, rule } })) return false;
    try {
      await this.marks.insert({ ip, rule, alertedAt: now });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Marks older than the quiet period decide nothing any more. Served by ix_anomaly_alert_marks_alerted_at. */
  async purgeBefore(cutoff: Date): Promise<number> {
    return (await this.marks.delete({ alertedAt: LessThan(cutoff) })).affected ?? 0;
  }
}
