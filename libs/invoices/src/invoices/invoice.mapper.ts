import { isOverdue } from '../overdue/calendar';
import { formatQuantity, ppmToPercentage } from '../money/decimals';
import { InvoiceDto, InvoiceLineDto } from './invoice.dto';
import { InvoiceLineEntity } from './invoice-line.entity';
import { InvoiceEntity } from './invoice.entity';

function toLineDto(line: InvoiceLineEntity): InvoiceLineDto {
  const discount =
    line.discountType === null || line.discountValue === null
      ? null
      : { type: line.discountType, value: line.discountType === 'percent' ? ppmToPercentage(line.discountValue) : line.discountValue };
  return {
    id: line.id,
    description: line.description,
    quantity: formatQuantity(line.quantityE4),
    unitAmount: line.unitAmount,
    discount,
    taxRateIds: line.taxes.map((tax) => tax.taxRateId),
    amount: line.amount,
    discountAmount: line.discountAmount,
    taxAmount: line.taxAmount,
  };
}

/**
 * The API shape of an invoice: the stored amounts as they are, nothing
 * recomputed. `today` is the organization's date (for isOverdue); null when
 * the invoice cannot be overdue (drafts).
 */
export function toInvoiceDto(invoice: InvoiceEntity, lines: InvoiceLineEntity[], today: string | null): InvoiceDto {
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    version: invoice.version,
    customerId: invoice.customerId,
    customerSnapshot: invoice.customerSnapshot,
    currency: invoice.currency,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    netDays: invoice.netDays,
    memo: invoice.memo,
    lines: lines.map(toLineDto),
    subtotal: invoice.subtotal,
    discountTotal: invoice.discountTotal,
    taxTotal: invoice.taxTotal,
    taxBreakdown: invoice.taxBreakdown.map((entry) => ({
      taxRateId: entry.taxRateId,
      name: entry.name,
      percentage: ppmToPercentage(entry.ratePpm),
      inclusive: entry.inclusive,
      amount: entry.amount,
    })),
    total: invoice.total,
    amountPaid: invoice.amountPaid,
    amountDue: invoice.amountDue,
    isOverdue: today !== null && isOverdue(invoice, today),
    finalizedAt: invoice.finalizedAt,
    paidAt: invoice.paidAt,
    voidedAt: invoice.voidedAt,
    markedUncollectibleAt: invoice.markedUncollectibleAt,
    createdAt: invoice.createdAt,
    updatedAt: invoice.updatedAt,
  };
}
