import { Injectable } from '@nestjs/common';
import { NotFoundError, paginated, Paginated, PageQueryDto } from '@nexus/core';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { OrgActor } from '../org-actor';
import { InvoiceEventDto } from './invoice-event.dto';
import { InvoiceEventsRepository } from './invoice-events.repository';

@Injectable()
export class InvoiceEventsService {
  constructor(
    private readonly events: InvoiceEventsRepository,
    private readonly invoices: InvoicesRepository,
  ) {}

  /** The history of an invoice of the organization, a deleted draft's included (it ends with `deleted`). */
  async list(actor: OrgActor, invoiceId: string, query: PageQueryDto): Promise<Paginated<InvoiceEventDto>> {
    const [invoice, [rows, total]] = await Promise.all([
      this.invoices.findForOrganization(actor.organizationId, invoiceId),
      this.events.listForInvoice(actor.organizationId, invoiceId, query.page, query.limit),
    ]);
    if (!invoice && total === 0) throw new NotFoundError('Invoice', invoiceId);
    const data = rows.map(({ id, type, fromStatus, toStatus, actorId, createdAt }) => ({
      id,
      type,
      fromStatus,
      toStatus,
      actorId,
      createdAt,
    }));
    return paginated(data, total, query);
  }
}
