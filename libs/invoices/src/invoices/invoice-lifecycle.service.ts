import { Injectable } from '@nestjs/common';
import { OrganizationSettings } from '@nexus/auth';
import { NotFoundError } from '@nexus/core';
import { EntityManager } from 'typeorm';
import { CustomersRepository } from '../customers/customers.repository';
import { TransactionRunner } from '@nexus/core';
import { UnprocessableError } from '../errors';
import { invoiceEvent } from '../events/invoice-event.factory';
import { InvoiceEventsRepository } from '../events/invoice-events.repository';
import { InvoiceNumberAllocator } from '../numbering/invoice-number-allocator';
import { OrgActor } from '../org-actor';
import { addDays, calendarDateIn } from '../overdue/calendar';
import { InvoiceDto } from './invoice.dto';
import { InvoiceEntity } from './invoice.entity';
import { nextStatus } from './invoice-status';
import { toInvoiceDto } from './invoice.mapper';
import { InvoicesRepository } from './invoices.repository';

/**
 * Finalize, void and mark uncollectible: each one transaction under a lock on
 * the invoice row, refused with 409 invalid_transition outside Stripe's
 * lifecycle (see invoice-status.ts). Payments, the fourth way an invoice
 * moves, are in PaymentsService.
 */
@Injectable()
export class InvoiceLifecycleService {
  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly customers: CustomersRepository,
    private readonly events: InvoiceEventsRepository,
    private readonly numbers: InvoiceNumberAllocator,
    private readonly transactions: TransactionRunner,
    private readonly settings: OrganizationSettings,
  ) {}

  /**
   * draft → open, in one transaction: takes the next number of the
   * organization's year (in its time zone), sets the issue date (today there,
   * unless given) and due date, snapshots the customer and freezes the stored
   * amounts. A zero total is settled at once (→ paid), as Stripe does.
   */
  async finalize(actor: OrgActor, id: string): Promise<InvoiceDto> {
    const now = new Date();
    const settings = await this.settings.of(actor.organizationId);
    const today = calendarDateIn(settings.timeZone, now);
    const year = Number(today.slice(0, 4));
    const prefix = await this.numbers.prepare(actor.organizationId, year, settings.invoicePrefix);
    return this.transactions.run(async (manager) => {
      const invoice = await this.lock(manager, actor, id);
      invoice.status = nextStatus(invoice.status, 'finalize');
      const lines = await this.invoices.linesOf([invoice.id], manager);
      if (lines.length === 0) throw new UnprocessableError('An invoice needs at least one line to be finalized', 'invoice_has_no_lines');
      const issueDate = (invoice.issueDate ??= today);
      if (invoice.netDays !== null) invoice.dueDate = addDays(issueDate, invoice.netDays);
      const dueDate = (invoice.dueDate ??= issueDate);
      if (dueDate < issueDate) {
        const message = `The due date ${dueDate} is before the issue date ${issueDate}`;
        throw new UnprocessableError(message, 'due_date_before_issue_date', { errors: [{ field: 'dueDate', message }] });
      }
      const customer = await this.customers.findIncludingDeleted(actor.organizationId, invoice.customerId, manager);
      if (!customer) throw new NotFoundError('Customer', invoice.customerId);
      invoice.customerSnapshot = {
        id: customer.id,
        name: customer.name,
        email: customer.email,
        address: customer.address,
        taxId: customer.taxId,
      };
      invoice.customerName = customer.name;
      invoice.number = await this.numbers.next(manager, actor.organizationId, year, prefix);
      invoice.finalizedAt = now;
      invoice.amountDue = invoice.total - invoice.amountPaid;
      invoice.version += 1;
      const events = [invoiceEvent(invoice, 'finalized', 'draft', actor.userId, now)];
      if (invoice.amountDue === 0) {
        invoice.status = nextStatus(invoice.status, 'pay');
        invoice.paidAt = now;
        invoice.version += 1;
        events.push(invoiceEvent(invoice, 'paid', 'open', actor.userId, now));
      }
      await this.invoices.save(manager, invoice);
      await this.events.append(manager, events);
      return toInvoiceDto(invoice, lines, today);
    });
  }

  /** open or uncollectible → void. */
  void(actor: OrgActor, id: string): Promise<InvoiceDto> {
    return this.move(actor, id, 'void', (invoice, now) => {
      invoice.voidedAt = now;
    });
  }

  /** open → uncollectible. */
  markUncollectible(actor: OrgActor, id: string): Promise<InvoiceDto> {
    return this.move(actor, id, 'mark_uncollectible', (invoice, now) => {
      invoice.markedUncollectibleAt = now;
    });
  }

  private async move(
    actor: OrgActor,
    id: string,
    action: 'void' | 'mark_uncollectible',
    stamp: (invoice: InvoiceEntity, now: Date) => void,
  ): Promise<InvoiceDto> {
    const now = new Date();
    const today = calendarDateIn(await this.settings.timeZoneOf(actor.organizationId), now);
    return this.transactions.run(async (manager) => {
      const invoice = await this.lock(manager, actor, id);
      const from = invoice.status;
      invoice.status = nextStatus(from, action);
      stamp(invoice, now);
      invoice.version += 1;
      await this.invoices.save(manager, invoice);
      await this.events.append(manager, [
        invoiceEvent(invoice, action === 'void' ? 'voided' : 'marked_uncollectible', from, actor.userId, now),
      ]);
      return toInvoiceDto(invoice, await this.invoices.linesOf([invoice.id], manager), today);
    });
  }

  private async lock(manager: EntityManager, actor: OrgActor, id: string): Promise<InvoiceEntity> {
    const invoice = await this.invoices.lockForOrganization(manager, actor.organizationId, id);
    if (!invoice) throw new NotFoundError('Invoice', id);
    return invoice;
  }
}
