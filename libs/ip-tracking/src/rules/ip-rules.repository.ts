import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { chunks } from '@nexus/core';
import { Brackets, In, LessThanOrEqual, Repository } from 'typeorm';
import { IpRuleEntity } from './ip-rule.entity';

export interface IpRuleFilter {
  kind?: string;
  source?: string;
  active?: boolean;
  target?: string;
  page: number;
  limit: number;
}

/** Rows per multi-row INSERT, and values per IN list (8 columns a rule: far below every driver's parameter limit). */
const CHUNK = 500;

@Injectable()
export class IpRulesRepository {
  constructor(@InjectRepository(IpRuleEntity) private readonly rules: Repository<IpRuleEntity>) {}

  /** Every rule that has not expired, for the in-memory matcher. Served by ix_ip_rules_expires_at. */
  findActive(now: Date): Promise<IpRuleEntity[]> {
    return this.rules
      .createQueryBuilder('r')
      .where(new Brackets((q) => q.where('r.expires_at IS NULL').orWhere('r.expires_at > :now', { now })))
      .getMany();
  }

  /** Served by ix_ip_rules_kind_source / ix_ip_rules_target; ordered newest first. */
  async list(filter: IpRuleFilter, now: Date): Promise<[IpRuleEntity[], number]> {
    const q = this.rules.createQueryBuilder('r');
    if (filter.kind) q.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.source) q.andWhere('r.source = :source', { source: filter.source });
    if (filter.target) q.andWhere('r.target = :target', { target: filter.target });
    if (filter.active === true) q.andWhere(new Brackets((b) => b.where('r.expires_at IS NULL').orWhere('r.expires_at > :now', { now })));
    if (filter.active === false) q.andWhere('r.expires_at <= :now', { now });
    return q
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .skip((filter.page - 1) * filter.limit)
      .take(filter.limit)
      .getManyAndCount();
  }

  /**
   * A cheap fingerprint of the table (row count and newest creation time):
   * the periodic reload skips reading 100,000 rows when nothing changed.
   */
  async fingerprint(): Promise<string> {
    const row = await this.rules
      .createQueryBuilder('r')
      .select('COUNT(*)', 'count')
      .addSelect('MAX(r.created_at)', 'newest')
      .getRawOne<{ count: string | number; newest: string | Date | null }>();
    return `${Number(row?.count ?? 0)}:${row?.newest instanceof Date ? row.newest.toISOString() : String(row?.newest ?? '')}`;
  }

  /**
   * SQLite only (null elsewhere): a number that changes when another
   * connection (the CLI, in another process) commits to the database file, and
   * never for this connection's own writes. Costs no table read.
   */
  async externalWriteMarker(): Promise<number | null> {
    if (this.rules.manager.connection.options.type !== 'better-sqlite3') return null;
    const [row] = (await this.rules.query('PRAGMA data_version')) as { data_version: number }[];
    return Number(row?.data_version ?? 0);
  }

  findById(id: string): Promise<IpRuleEntity | null> {
    return this.rules.findOne({ where: { id } });
  }

  /** Active rules with this kind and target (to answer "already blocked"). */
  findActiveByTarget(kind: string, target: string, now: Date): Promise<IpRuleEntity[]> {
    return this.rules
      .createQueryBuilder('r')
      .where('r.kind = :kind AND r.target = :target', { kind, target })
      .andWhere(new Brackets((q) => q.where('r.expires_at IS NULL').orWhere('r.expires_at > :now', { now })))
      .getMany();
  }

  save(rule: IpRuleEntity): Promise<IpRuleEntity> {
    return this.rules.save(rule);
  }

  /**
   * New rules in multi-row inserts; their ids are set in Node, so the rows
   * written are then read back by id (in no particular order).
   */
  async insertMany(rules: IpRuleEntity[]): Promise<IpRuleEntity[]> {
    const saved: IpRuleEntity[] = [];
    // In chunks: a ban wave of thousands would pass the drivers' bound-parameter limits in one statement.
    for (const chunk of chunks(rules, CHUNK)) {
      await this.rules.createQueryBuilder().insert().into(IpRuleEntity).values(chunk).updateEntity(false).execute();
      saved.push(...(await this.rules.find({ where: { id: In(chunk.map((rule) => rule.id)) } })));
    }
    return saved;
  }

  /**
   * How many rules of this kind and source each target got since `since`,
   * expired ones included: one grouped read for many targets (ix_ip_rules_target).
   */
  async countCreatedSince(kind: string, source: string, targets: readonly string[], since: Date): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const chunk of chunks(targets, CHUNK)) {
      const rows = await this.rules
        .createQueryBuilder('r')
        .select('r.target', 'target')
        .addSelect('COUNT(*)', 'count')
        .where('r.kind = :kind AND r.source = :source AND r.created_at >= :since', { kind, source, since })
        .andWhere('r.target IN (:...targets)', { targets: chunk })
        .groupBy('r.target')
        .getRawMany<{ target: string; count: string | number }>();
      for (const row of rows) counts.set(row.target, Number(row.count));
    }
    return counts;
  }

  async delete(id: string): Promise<boolean> {
    return ((await this.rules.delete({ id })).affected ?? 0) > 0;
  }

  /** Served by ix_ip_rules_expires_at. */
  async deleteExpiredBefore(cutoff: Date): Promise<number> {
    return (await this.rules.delete({ expiresAt: LessThanOrEqual(cutoff) })).affected ?? 0;
  }
}
