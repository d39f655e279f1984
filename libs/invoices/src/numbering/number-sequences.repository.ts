import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { forUpdate } from '@nexus/core';
import { NumberSequenceEntity } from './number-sequence.entity';

@Injectable()
export class NumberSequencesRepository {
  constructor(@InjectRepository(NumberSequenceEntity) private readonly sequences: Repository<NumberSequenceEntity>) {}

  /** Served by uq_invoice_number_sequences_org_year (a plain read, no lock). */
  async existsForOrganization(organizationId: string, year: number): Promise<boolean> {
    return (await this.sequences.count({ where: { organizationId, year } })) > 0;
  }

  /** INSERT … ON CONFLICT DO NOTHING / INSERT IGNORE / INSERT OR IGNORE: safe when two requests create it at once. */
  async insertIfMissing(manager: EntityManager, organizationId: string, year: number, prefix: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(NumberSequenceEntity)
      .values({ id: randomUUID(), organizationId, year, prefix, lastValue: 0 })
      .orIgnore()
      .execute();
  }

  /** The counter under `SELECT … FOR UPDATE` (uq_invoice_number_sequences_org_year), held until the transaction ends. */
  lockForOrganization(manager: EntityManager, organizationId: string, year: number): Promise<NumberSequenceEntity | null> {
    const query = manager
      .createQueryBuilder(NumberSequenceEntity, 's')
      .where('s.organizationId = :organizationId', { organizationId })
      .andWhere('s.year = :year', { year });
    return forUpdate(query).getOne();
  }

  async setLastValue(manager: EntityManager, id: string, lastValue: number): Promise<void> {
    await manager.update(NumberSequenceEntity, { id }, { lastValue });
  }
}
