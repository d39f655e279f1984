import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { InvoiceEventEntity } from './invoice-event.entity';

/** Append-only: there is no update or delete here (a deleted draft's events stay). */
@Injectable()
export class InvoiceEventsRepository {
  constructor(@InjectRepository(InvoiceEventEntity) private readonly events: Repository<InvoiceEventEntity>) {}

  async append(manager: EntityManager, events: InvoiceEventEntity[]): Promise<void> {
    // updateEntity(false): see InvoicesRepository.replaceLines.
    if (events.length > 0)
      await manager.createQueryBuilder().insert().into(InvoiceEventEntity).values(events).updateEntity(false).execute();
  }

  /** One page of an invoice's history, oldest first. Served by ix_invoice_events_invoice_created. */
  listForInvoice(organizationId: string, invoiceId: string, page: number, limit: number): Promise<[InvoiceEventEntity[], number]> {
    return this.events.findAndCount({
      where: { organizationId, invoiceId },
      order: { createdAt: 'ASC', invoiceVersion: 'ASC' },
      skip: (page - 1) * limit,
      take: limit,
    });
  }
}
