import { Injectable } from '@nestjs/common';
import { NotFoundError, paginated, Paginated, parseSort } from '@nexus/core';
import { EntityManager } from 'typeorm';
import { isForeignKeyViolation, TransactionRunner } from '@nexus/core';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { OrgActor } from '../org-actor';
import { CreateCustomerDto, CUSTOMER_SORT_FIELDS, CustomerDto, CustomerListQueryDto, UpdateCustomerDto } from './customer.dto';
import { CustomerEntity } from './customer.entity';
import { toCustomerDto } from './customer.mapper';
import { CustomersRepository } from './customers.repository';

@Injectable()
export class CustomersService {
  constructor(
    private readonly customers: CustomersRepository,
    private readonly invoices: InvoicesRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async create(actor: OrgActor, dto: CreateCustomerDto): Promise<CustomerDto> {
    const customer = Object.assign(new CustomerEntity(), {
      organizationId: actor.organizationId,
      name: dto.name,
      email: dto.email ?? null,
      address: dto.address ? { ...dto.address } : null,
      taxId: dto.taxId ?? null,
      currency: dto.currency ?? null,
      deletedAt: null,
    });
    return toCustomerDto(await this.transactions.run((manager) => this.customers.save(manager, customer)));
  }

  async list(actor: OrgActor, query: CustomerListQueryDto): Promise<Paginated<CustomerDto>> {
    const sort = parseSort(query.sort, CUSTOMER_SORT_FIELDS, [{ field: 'name', direction: 'ASC' }]);
    const [rows, total] = await this.customers.list(actor.organizationId, { q: query.q, sort, page: query.page, limit: query.limit });
    return paginated(rows.map(toCustomerDto), total, query);
  }

  async get(actor: OrgActor, id: string): Promise<CustomerDto> {
    const customer = await this.customers.findForOrganization(actor.organizationId, id);
    if (!customer) throw new NotFoundError('Customer', id);
    return toCustomerDto(customer);
  }

  async update(actor: OrgActor, id: string, dto: UpdateCustomerDto): Promise<CustomerDto> {
    const saved = await this.transactions.run(async (manager) => {
      const customer = await this.customers.findForOrganization(actor.organizationId, id, manager);
      if (!customer) throw new NotFoundError('Customer', id);
      if (dto.name !== undefined) customer.name = dto.name;
      if (dto.email !== undefined) customer.email = dto.email;
      if (dto.address !== undefined) customer.address = dto.address ? { ...dto.address } : null;
      if (dto.taxId !== undefined) customer.taxId = dto.taxId;
      if (dto.currency !== undefined) customer.currency = dto.currency;
      return this.customers.save(manager, customer);
    });
    return toCustomerDto(saved);
  }

  /**
   * Deletes the customer, or only hides it (soft delete) when an invoice
   * refers to it: finalized invoices keep their snapshot, drafts stay usable.
   */
  async remove(actor: OrgActor, id: string): Promise<void> {
    try {
      await this.transactions.run(async (manager) => {
        const customer = await this.customers.findForOrganization(actor.organizationId, id, manager);
        if (!customer) throw new NotFoundError('Customer', id);
        if (await this.invoices.existsForCustomer(manager, actor.organizationId, id)) await this.hide(manager, customer);
        else await this.customers.delete(manager, actor.organizationId, id);
      });
    } catch (error) {
      // An invoice for this customer was created between the check and the delete: the foreign key refused.
      if (!isForeignKeyViolation(error)) throw error;
      await this.transactions.run(async (manager) => {
        const customer = await this.customers.findForOrganization(actor.organizationId, id, manager);
        if (customer) await this.hide(manager, customer);
      });
    }
  }

  private async hide(manager: EntityManager, customer: CustomerEntity): Promise<void> {
    customer.deletedAt = new Date();
    await this.customers.save(manager, customer);
  }
}
