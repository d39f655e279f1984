import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SortField } from '@nexus/core';
import { Brackets, EntityManager, IsNull, Repository } from 'typeorm';
import { containsPattern } from '../database/like';
import { CustomerEntity } from './customer.entity';

export type CustomerSortField = 'name' | 'createdAt';

export interface CustomerListFilter {
  q?: string;
  sort: SortField<CustomerSortField>[];
  page: number;
  limit: number;
}

/** Customers of one organization; soft-deleted ones are invisible except where a method says otherwise. */
@Injectable()
export class CustomersRepository {
  constructor(@InjectRepository(CustomerEntity) private readonly customers: Repository<CustomerEntity>) {}

  findForOrganization(organizationId: string, id: string, manager?: EntityManager): Promise<CustomerEntity | null> {
    return (manager ?? this.customers.manager).findOne(CustomerEntity, { where: { organizationId, id, deletedAt: IsNull() } });
  }

  /** Including soft-deleted customers: a draft of a deleted customer still renders and finalizes. */
  findIncludingDeleted(organizationId: string, id: string, manager?: EntityManager): Promise<CustomerEntity | null> {
    return (manager ?? this.customers.manager).findOne(CustomerEntity, { where: { organizationId, id } });
  }

  /**
   * One page of customers. ix_customers_org_name (name sort) or
   * ix_customers_org_created (createdAt sort) narrows to the organization; `q`
   * is a substring match on name and email over its rows.
   */
  list(organizationId: string, filter: CustomerListFilter): Promise<[CustomerEntity[], number]> {
    const query = this.customers
      .createQueryBuilder('c')
      .where('c.organizationId = :organizationId', { organizationId })
      .andWhere('c.deletedAt IS NULL');
    if (filter.q) {
      const pattern = containsPattern(filter.q);
      query.andWhere(
        new Brackets((q) =>
          q.where("LOWER(c.name) LIKE :pattern ESCAPE '!'", { pattern }).orWhere("LOWER(c.email) LIKE :pattern ESCAPE '!'"),
        ),
      );
    }
    for (const { field, direction } of filter.sort) query.addOrderBy(`c.${field}`, direction);
    return query
      .addOrderBy('c.id', 'ASC')
      .skip((filter.page - 1) * filter.limit)
      .take(filter.limit)
      .getManyAndCount();
  }

  save(manager: EntityManager, customer: CustomerEntity): Promise<CustomerEntity> {
    return manager.save(CustomerEntity, customer);
  }

  async delete(manager: EntityManager, organizationId: string, id: string): Promise<void> {
    await manager.delete(CustomerEntity, { organizationId, id });
  }
}
