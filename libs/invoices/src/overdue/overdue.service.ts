import { Injectable } from '@nestjs/common';
import { OrganizationSettings } from '@nexus/auth';
import { TransactionRunner } from '@nexus/core';
import { invoiceEvent } from '../events/invoice-event.factory';
import { InvoiceEventsRepository } from '../events/invoice-events.repository';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { addDays, calendarDateIn, isOverdue } from './calendar';

const BATCH = 200;

/**
 * Records one `overdue` event per invoice, the first time the job sees it open
 * and past due in its organization's time zone. The mark is set under the row
 * lock together with the event, so overlapping runs record it once.
 */
@Injectable()
export class OverdueService {
  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly events: InvoiceEventsRepository,
    private readonly transactions: TransactionRunner,
    private readonly settings: OrganizationSettings,
  ) {}

  async recordOverdue(now = new Date()): Promise<number> {
    // Nowhere is it later than tomorrow in UTC (UTC+14 at most): nothing due from then on can be overdue yet.
    const horizon = addDays(calendarDateIn('UTC', now), 1);
    const todays = new Map<string, string>();
    let recorded = 0;
    let after: { dueDate: string; id: string } | null = null;
    for (;;) {
      const batch = await this.invoices.findOverdueCandidates(horizon, after, BATCH);
      for (const candidate of batch) {
        let today = todays.get(candidate.organizationId);
        if (today === undefined) {
          today = calendarDateIn(await this.settings.timeZoneOf(candidate.organizationId), now);
          todays.set(candidate.organizationId, today);
        }
        if (
          candidate.dueDate !== null &&
          candidate.dueDate < today &&
          (await this.record(candidate.organizationId, candidate.id, today, now))
        ) {
          recorded += 1;
        }
      }
      if (batch.length < BATCH) return recorded;
      const last = batch[batch.length - 1];
      after = { dueDate: last.dueDate as string, id: last.id };
    }
  }

  private record(organizationId: string, id: string, today: string, now: Date): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const invoice = await this.invoices.lockForOrganization(manager, organizationId, id);
      if (!invoice || invoice.overdueRecordedAt !== null || !isOverdue(invoice, today)) return false;
      await this.invoices.markOverdueRecorded(manager, invoice.id, now);
      await this.events.append(manager, [invoiceEvent(invoice, 'overdue', invoice.status, null, now)]);
      return true;
    });
  }
}
