import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { chunks, isUniqueViolation, SortField } from '@nexus/core';
import { In, Repository } from 'typeorm';
import { Decision, FindingStatus, SuspiciousIpEntity } from './suspicious-ip.entity';

export const SUSPICIOUS_IP_SORTS = ['windowStart', 'createdAt', 'ip', 'severity'] as const;
export type SuspiciousIpSort = (typeof SUSPICIOUS_IP_SORTS)[number];

/** 15 columns a row: well under every driver's parameter limit. */
const INSERT_BATCH = 200;

const SORT_COLUMNS: Record<SuspiciousIpSort, string> = {
  windowStart: 's.window_start',
  createdAt: 's.created_at',
  ip: 's.ip',
  severity: 's.severity',
};

export interface SuspiciousIpFilter {
  status?: FindingStatus;
  rule?: string;
  ip?: string;
  /** Windows starting at or after. */
  from?: Date;
  /** Windows starting before. */
  to?: Date;
  sort: SortField<SuspiciousIpSort>[];
  page: number;
  limit: number;
}

/** Findings are platform-wide (no organization): operators are their only readers. */
@Injectable()
export class SuspiciousIpsRepository {
  constructor(@InjectRepository(SuspiciousIpEntity) private readonly findings: Repository<SuspiciousIpEntity>) {}

  /**
   * `ip:rule` of the findings already recorded for these IPs in the window
   * (ux_suspicious_ips_ip_rule_window), so that a re-run skips them without
   * provoking unique violations.
   */
  async recordedKeys(ips: string[], window: { from: Date; to: Date }): Promise<Set<string>> {
    if (ips.length === 0) return new Set();
    const rows = await this.findings
      .createQueryBuilder('s')
      .select(['s.ip', 's.rule'])
      .where('s.ip IN (:...ips) AND s.window_start = :from AND s.window_end = :to', { ips, from: window.from, to: window.to })
      .getMany();
    return new Set(rows.map((row) => `${row.ip}:${row.rule}`));
  }

  /**
   * Inserts the findings, ignoring any a concurrent run of the window recorded
   * first; returns those inserted. One multi-row INSERT per batch; only when a
   * batch hits the unique key does it go row by row.
   */
  async insertNew(findings: SuspiciousIpEntity[]): Promise<SuspiciousIpEntity[]> {
    const inserted: SuspiciousIpEntity[] = [];
    for (const batch of chunks(findings, INSERT_BATCH)) {
      try {
        // updateEntity(false): the rows' values are all set here, and merging RETURNING rows back
        // (in whatever order the database returns them) could swap ids between entities.
        await this.findings.createQueryBuilder().insert().into(SuspiciousIpEntity).values(batch).updateEntity(false).execute();
        inserted.push(...batch);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        for (const finding of batch) if (await this.insertIfNew(finding)) inserted.push(finding);
      }
    }
    return inserted;
  }

  /** Insert-or-ignore on (ip, rule, window): false when a run of the window recorded it first. */
  private async insertIfNew(finding: SuspiciousIpEntity): Promise<boolean> {
    try {
      await this.findings.createQueryBuilder().insert().into(SuspiciousIpEntity).values(finding).updateEntity(false).execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async recordDecision(ids: string[], decision: Decision, banSeconds: number | null, ipRuleId: string | null): Promise<void> {
    if (ids.length === 0) return;
    await this.findings.update({ id: In(ids) }, { decision, banSeconds, ipRuleId });
  }

  /**
   * Served by ux_suspicious_ips_ip_rule_window (ip), ix_suspicious_ips_status_window
   * (status), ix_suspicious_ips_rule_window (rule) or ix_suspicious_ips_window (time).
   */
  list(filter: SuspiciousIpFilter): Promise<[SuspiciousIpEntity[], number]> {
    const q = this.findings.createQueryBuilder('s');
    if (filter.status) q.andWhere('s.status = :status', { status: filter.status });
    if (filter.rule) q.andWhere('s.rule = :rule', { rule: filter.rule });
    if (filter.ip) q.andWhere('s.ip = :ip', { ip: filter.ip });
    if (filter.from) q.andWhere('s.window_start >= :from', { from: filter.from });
    if (filter.to) q.andWhere('s.window_start < :to', { to: filter.to });
    for (const { field, direction } of filter.sort) q.addOrderBy(SORT_COLUMNS[field], direction);
    return q
      .addOrderBy('s.id', 'ASC')
      .skip((filter.page - 1) * filter.limit)
      .take(filter.limit)
      .getManyAndCount();
  }

  findById(id: string): Promise<SuspiciousIpEntity | null> {
    return this.findings.findOne({ where: { id } });
  }

  async setStatus(id: string, status: FindingStatus): Promise<SuspiciousIpEntity | null> {
    const result = await this.findings.update({ id }, { status });
    return (result.affected ?? 0) > 0 ? this.findById(id) : null;
  }

  /** Findings per rule, status and decision, for the metrics (a small table: operators resolve findings). */
  async countsByRule(): Promise<{ rule: string; status: string; decision: string; count: number }[]> {
    const rows = await this.findings
      .createQueryBuilder('s')
      .select(['s.rule AS rule', 's.status AS status', 's.decision AS decision', 'COUNT(*) AS count'])
      .groupBy('s.rule')
      .addGroupBy('s.status')
      .addGroupBy('s.decision')
      .getRawMany<{ rule: string; status: string; decision: string; count: string | number }>();
    return rows.map((row) => ({ ...row, count: Number(row.count) }));
  }

  /** Bans issued: distinct automatic block rules the findings created. */
  async countBans(): Promise<number> {
    const row = await this.findings
      .createQueryBuilder('s')
      .select('COUNT(DISTINCT s.ip_rule_id)', 'count')
      .where('s.decision = :ban', { ban: 'ban' })
      .getRawOne<{ count: string | number }>();
    return Number(row?.count ?? 0);
  }
}
