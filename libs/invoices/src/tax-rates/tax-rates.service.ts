import { Injectable } from '@nestjs/common';
import { NotFoundError, paginated, Paginated, parseSort } from '@nexus/core';
import { TransactionRunner } from '@nexus/core';
import { percentageToPpm } from '../money/decimals';
import { OrgActor } from '../org-actor';
import { CreateTaxRateDto, TAX_RATE_SORT_FIELDS, TaxRateDto, TaxRateListQueryDto, UpdateTaxRateDto } from './tax-rate.dto';
import { TaxRateEntity } from './tax-rate.entity';
import { toTaxRateDto } from './tax-rate.mapper';
import { TaxRatesRepository } from './tax-rates.repository';

@Injectable()
export class TaxRatesService {
  constructor(
    private readonly rates: TaxRatesRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async create(actor: OrgActor, dto: CreateTaxRateDto): Promise<TaxRateDto> {
    const rate = Object.assign(new TaxRateEntity(), {
      organizationId: actor.organizationId,
      name: dto.name,
      ratePpm: percentageToPpm(dto.percentage) as number,
      inclusive: dto.inclusive ?? false,
      active: dto.active ?? true,
      deletedAt: null,
    });
    return toTaxRateDto(await this.transactions.run((manager) => this.rates.save(manager, rate)));
  }

  async list(actor: OrgActor, query: TaxRateListQueryDto): Promise<Paginated<TaxRateDto>> {
    const sort = parseSort(query.sort, TAX_RATE_SORT_FIELDS, [{ field: 'name', direction: 'ASC' }]);
    const active = query.active === undefined ? undefined : query.active === 'true';
    const [rows, total] = await this.rates.list(actor.organizationId, { active, sort, page: query.page, limit: query.limit });
    return paginated(rows.map(toTaxRateDto), total, query);
  }

  async get(actor: OrgActor, id: string): Promise<TaxRateDto> {
    const rate = await this.rates.findForOrganization(actor.organizationId, id);
    if (!rate) throw new NotFoundError('Tax rate', id);
    return toTaxRateDto(rate);
  }

  async update(actor: OrgActor, id: string, dto: UpdateTaxRateDto): Promise<TaxRateDto> {
    const saved = await this.transactions.run(async (manager) => {
      const rate = await this.rates.findForOrganization(actor.organizationId, id, manager);
      if (!rate) throw new NotFoundError('Tax rate', id);
      if (dto.name !== undefined) rate.name = dto.name;
      if (dto.active !== undefined) rate.active = dto.active;
      return this.rates.save(manager, rate);
    });
    return toTaxRateDto(saved);
  }

  /** Soft delete: invoice lines keep their snapshot of the rate; it can no longer be read or used. */
  async remove(actor: OrgActor, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const rate = await this.rates.findForOrganization(actor.organizationId, id, manager);
      if (!rate) throw new NotFoundError('Tax rate', id);
      rate.deletedAt = new Date();
      rate.active = false;
      await this.rates.save(manager, rate);
    });
  }
}
