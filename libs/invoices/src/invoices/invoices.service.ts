import { Injectable } from '@nestjs/common';
import { OrganizationSettings } from '@nexus/auth';
import { ConflictError, NotFoundError, paginated, Paginated, parseSort, ValidationError } from '@nexus/core';
import { EntityManager } from 'typeorm';
import { CustomersRepository } from '../customers/customers.repository';
import { isForeignKeyViolation, TransactionRunner } from '@nexus/core';
import { PreconditionFailedError } from '../errors';
import { invoiceEvent } from '../events/invoice-event.factory';
import { InvoiceEventsRepository } from '../events/invoice-events.repository';
import { OrgActor } from '../org-actor';
import { calendarDateIn } from '../overdue/calendar';
import { applyDateChanges } from './invoice-dates';
import { parseIfMatch } from './invoice-etag';
import { CreateInvoiceDto, UpdateInvoiceDto } from './invoice-input.dto';
import { InvoiceDto } from './invoice.dto';
import { InvoiceEntity } from './invoice.entity';
import { InvoiceLineEntity } from './invoice-line.entity';
import { InvoiceLinesBuilder } from './invoice-lines.builder';
import { toInvoiceDto } from './invoice.mapper';
import { INVOICE_SORT_FIELDS, InvoiceListQueryDto } from './invoice-query.dto';
import { InvoicesRepository } from './invoices.repository';

/** Drafts (create, change, delete) and reads. Lifecycle actions live in InvoiceLifecycleService. */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly customers: CustomersRepository,
    private readonly lines: InvoiceLinesBuilder,
    private readonly events: InvoiceEventsRepository,
    private readonly transactions: TransactionRunner,
    private readonly settings: OrganizationSettings,
  ) {}

  async create(actor: OrgActor, dto: CreateInvoiceDto): Promise<InvoiceDto> {
    try {
      return await this.transactions.run(async (manager) => {
        const customer = await this.customers.findForOrganization(actor.organizationId, dto.customerId, manager);
        if (!customer) throw new NotFoundError('Customer', dto.customerId, 'customerId');
        const currency = dto.currency ?? customer.currency;
        if (!currency) throw new ValidationError([{ field: 'currency', message: 'is required when the customer has no default currency' }]);
        const invoice = Object.assign(new InvoiceEntity(), {
          organizationId: actor.organizationId,
          customerId: customer.id,
          status: 'draft',
          number: null,
          currency,
          issueDate: null,
          dueDate: null,
          netDays: null,
          memo: dto.memo ?? null,
          amountPaid: 0,
          customerSnapshot: null,
          version: 1,
          finalizedAt: null,
          paidAt: null,
          voidedAt: null,
          markedUncollectibleAt: null,
          overdueRecordedAt: null,
          createdAt: new Date(),
        });
        applyDateChanges(invoice, dto);
        const lines = await this.lines.build(manager, invoice, dto.lines ?? []);
        await this.invoices.save(manager, invoice);
        await this.invoices.insertLines(manager, lines);
        await this.events.append(manager, [invoiceEvent(invoice, 'created', null, actor.userId, new Date())]);
        return toInvoiceDto(invoice, lines, null);
      });
    } catch (error) {
      // The customer was deleted between the check and the insert.
      if (isForeignKeyViolation(error)) throw new NotFoundError('Customer', dto.customerId, 'customerId');
      throw error;
    }
  }

  async list(actor: OrgActor, query: InvoiceListQueryDto): Promise<Paginated<InvoiceDto>> {
    const sort = parseSort(query.sort, INVOICE_SORT_FIELDS, [{ field: 'createdAt', direction: 'DESC' }]);
    const today = await this.todayFor(actor.organizationId);
    const [rows, total] = await this.invoices.list(
      actor.organizationId,
      {
        status: query.status,
        customerId: query.customerId,
        issueDateGte: query['issueDate[gte]'],
        issueDateLte: query['issueDate[lte]'],
        dueDateGte: query['dueDate[gte]'],
        dueDateLte: query['dueDate[lte]'],
        totalGte: query['total[gte]'],
        totalLte: query['total[lte]'],
        q: query.q,
        sort,
        page: query.page,
        limit: query.limit,
      },
      today,
    );
    const linesByInvoice = new Map<string, InvoiceLineEntity[]>(rows.map((row) => [row.id, []]));
    for (const line of await this.invoices.linesOf(rows.map((row) => row.id))) linesByInvoice.get(line.invoiceId)?.push(line);
    return paginated(
      rows.map((invoice) => toInvoiceDto(invoice, linesByInvoice.get(invoice.id) ?? [], today)),
      total,
      query,
    );
  }

  async get(actor: OrgActor, id: string): Promise<InvoiceDto> {
    const invoice = await this.invoices.findForOrganization(actor.organizationId, id);
    if (!invoice) throw new NotFoundError('Invoice', id);
    const [lines, today] = await Promise.all([this.invoices.linesOf([invoice.id]), this.todayFor(actor.organizationId)]);
    return toInvoiceDto(invoice, lines, today);
  }

  /** Drafts only. `ifMatch` (ETag or version) must name the current version when given: 412 otherwise. */
  async update(actor: OrgActor, id: string, dto: UpdateInvoiceDto, ifMatch?: string): Promise<InvoiceDto> {
    const accepted = ifMatch === undefined ? '*' : parseIfMatch(ifMatch);
    try {
      return await this.transactions.run(async (manager) => {
        const invoice = await this.lockDraft(manager, actor, id, accepted);
        if (dto.customerId !== undefined && dto.customerId !== invoice.customerId) {
          const customer = await this.customers.findForOrganization(actor.organizationId, dto.customerId, manager);
          if (!customer) throw new NotFoundError('Customer', dto.customerId, 'customerId');
          invoice.customerId = customer.id;
        }
        if (dto.currency !== undefined && dto.currency !== invoice.currency) {
          // Amounts are minor units of the invoice's currency: 13866 USD (138.66) is not 13866 JPY.
          if (dto.lines === undefined && (await this.invoices.linesOf([invoice.id], manager)).length > 0) {
            throw new ValidationError([
              {
                field: 'currency',
                message: `currency changes from ${invoice.currency} to ${dto.currency} only with the lines restated in it (send lines too): amounts are minor units of the currency`,
              },
            ]);
          }
          invoice.currency = dto.currency;
        }
        if (dto.memo !== undefined) invoice.memo = dto.memo;
        applyDateChanges(invoice, dto);
        let lines = dto.lines === undefined ? null : await this.lines.build(manager, invoice, dto.lines);
        invoice.version += 1;
        await this.invoices.save(manager, invoice);
        if (lines) await this.invoices.replaceLines(manager, invoice.id, lines);
        else lines = await this.invoices.linesOf([invoice.id], manager);
        await this.events.append(manager, [invoiceEvent(invoice, 'updated', 'draft', actor.userId, new Date())]);
        return toInvoiceDto(invoice, lines, null);
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new NotFoundError('Customer', dto.customerId ?? '', 'customerId');
      throw error;
    }
  }

  /** Drafts only: a draft has no number, so deleting it leaves no gap. Its history stays, ending with `deleted`. */
  async remove(actor: OrgActor, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const draft = await this.lockDraft(manager, actor, id, '*');
      const deleted = Object.assign(invoiceEvent(draft, 'deleted', draft.status, actor.userId, new Date()), {
        toStatus: null,
        invoiceVersion: draft.version + 1,
      });
      await this.events.append(manager, [deleted]);
      await this.invoices.delete(manager, actor.organizationId, id);
    });
  }

  /** The organization's today, "YYYY-MM-DD" in its time zone. */
  async todayFor(organizationId: string, now = new Date()): Promise<string> {
    return calendarDateIn(await this.settings.timeZoneOf(organizationId), now);
  }

  private async lockDraft(manager: EntityManager, actor: OrgActor, id: string, accepted: number[] | '*'): Promise<InvoiceEntity> {
    const invoice = await this.invoices.lockForOrganization(manager, actor.organizationId, id);
    if (!invoice) throw new NotFoundError('Invoice', id);
    if (accepted !== '*' && !accepted.includes(invoice.version)) {
      throw new PreconditionFailedError(`The invoice is at version ${invoice.version}; reload it and retry`, 'version_mismatch', {
        currentVersion: invoice.version,
      });
    }
    if (invoice.status !== 'draft')
      throw new ConflictError(`Only drafts can be changed or deleted; this invoice is ${invoice.status}`, 'invoice_not_draft');
    return invoice;
  }
}
