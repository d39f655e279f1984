import { InvoiceEntity } from '../invoices/invoice.entity';
import { InvoiceStatus } from '../invoices/invoice-status';
import { InvoiceEventEntity, InvoiceEventType } from './invoice-event.entity';

/** An event about `invoice` as it is now (after the change): its status and version. */
export function invoiceEvent(
  invoice: InvoiceEntity,
  type: InvoiceEventType,
  fromStatus: InvoiceStatus | null,
  actorId: string | null,
  at: Date,
): InvoiceEventEntity {
  return Object.assign(new InvoiceEventEntity(), {
    organizationId: invoice.organizationId,
    invoiceId: invoice.id,
    type,
    fromStatus,
    toStatus: invoice.status,
    actorId,
    invoiceVersion: invoice.version,
    createdAt: at,
  });
}
