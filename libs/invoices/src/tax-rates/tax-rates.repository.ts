import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SortField } from '@nexus/core';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { TaxRateEntity } from './tax-rate.entity';

export type TaxRateSortField = 'name' | 'createdAt';

export interface TaxRateListFilter {
  active?: boolean;
  sort: SortField<TaxRateSortField>[];
  page: number;
  limit: number;
}

@Injectable()
export class TaxRatesRepository {
  constructor(@InjectRepository(TaxRateEntity) private readonly rates: Repository<TaxRateEntity>) {}

  findForOrganization(organizationId: string, id: string, manager?: EntityManager): Promise<TaxRateEntity | null> {
    return (manager ?? this.rates.manager).findOne(TaxRateEntity, { where: { organizationId, id, deletedAt: IsNull() } });
  }

  /** The organization's rates among `ids` (primary-key lookups, filtered by organization). */
  findManyForOrganization(organizationId: string, ids: string[], manager?: EntityManager): Promise<TaxRateEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return (manager ?? this.rates.manager).find(TaxRateEntity, { where: { organizationId, id: In(ids), deletedAt: IsNull() } });
  }

  /** One page of rates. Served by ix_tax_rates_org_name (the organization prefix; an organization has few rates). */
  list(organizationId: string, filter: TaxRateListFilter): Promise<[TaxRateEntity[], number]> {
    const query = this.rates
      .createQueryBuilder('r')
      .where('r.organizationId = :organizationId', { organizationId })
      .andWhere('r.deletedAt IS NULL');
    if (filter.active !== undefined) query.andWhere('r.active = :active', { active: filter.active });
    for (const { field, direction } of filter.sort) query.addOrderBy(`r.${field}`, direction);
    return query
      .addOrderBy('r.id', 'ASC')
      .skip((filter.page - 1) * filter.limit)
      .take(filter.limit)
      .getManyAndCount();
  }

  save(manager: EntityManager, rate: TaxRateEntity): Promise<TaxRateEntity> {
    return manager.save(TaxRateEntity, rate);
  }
}
