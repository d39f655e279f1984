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

  async list(actor: OrgActor, invoiceId: string, query: PageQueryDto): Promise<Paginated<InvoiceEventDto>> {
    if (!(await this.invoices.findForOrganization(actor.organizationId, invoiceId))) throw new NotFoundError('Invoice', invoiceId);
    const [rows, total] = await this.events.listForInvoice(actor.organizationId, invoiceId, query.page, query.limit);
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
