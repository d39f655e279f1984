import { ValidationError } from '@nexus/core';
import { addDays } from '../overdue/calendar';
import { InvoiceEntity } from './invoice.entity';

type Dates = Pick<InvoiceEntity, 'issueDate' | 'dueDate' | 'netDays'>;

/**
 * Derives the due date from net days once the issue date is known, and checks
 * the due date is not before the issue date. With net days set, the stored
 * due date always follows the issue date.
 */
export function settleDates(invoice: Dates): void {
  if (invoice.netDays !== null) invoice.dueDate = invoice.issueDate ? addDays(invoice.issueDate, invoice.netDays) : null;
  if (invoice.issueDate && invoice.dueDate && invoice.dueDate < invoice.issueDate) {
    throw new ValidationError([{ field: 'dueDate', message: 'must not be before issueDate' }]);
  }
}

/** Applies the date fields of a create or update body: setting dueDate clears netDays and the other way round. */
export function applyDateChanges(
  invoice: Dates,
  change: { issueDate?: string | null; dueDate?: string | null; netDays?: number | null },
): void {
  if (change.dueDate != null && change.netDays != null) {
    throw new ValidationError([{ field: 'netDays', message: 'give dueDate or netDays, not both' }]);
  }
  if (change.issueDate !== undefined) invoice.issueDate = change.issueDate;
  if (change.dueDate !== undefined) {
    invoice.dueDate = change.dueDate;
    if (change.dueDate !== null) invoice.netDays = null;
  }
  if (change.netDays !== undefined) {
    invoice.netDays = change.netDays;
    if (change.netDays === null && change.dueDate === undefined) invoice.dueDate = null;
  }
  settleDates(invoice);
}
