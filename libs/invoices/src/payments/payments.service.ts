import { Injectable } from '@nestjs/common';
import { NotFoundError, paginated, Paginated, PageQueryDto } from '@nexus/core';
import { TransactionRunner } from '@nexus/core';
import { UnprocessableError } from '../errors';
import { invoiceEvent } from '../events/invoice-event.factory';
import { InvoiceEventsRepository } from '../events/invoice-events.repository';
import { InvalidTransitionError, nextStatus, TRANSITIONS } from '../invoices/invoice-status';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { OrgActor } from '../org-actor';
import { CreatePaymentDto, PaymentDto } from './payment.dto';
import { PaymentEntity } from './payment.entity';
import { toPaymentDto } from './payment.mapper';
import { PaymentsRepository } from './payments.repository';

@Injectable()
export class PaymentsService {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly invoices: InvoicesRepository,
    private readonly events: InvoiceEventsRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Records a payment on an open or uncollectible invoice, under a lock on the
   * invoice row: concurrent payments are applied one after the other, each
   * against the amount due that the previous one left, so none can overpay.
   * The payment that brings the amount due to zero marks the invoice paid.
   */
  async record(actor: OrgActor, invoiceId: string, dto: CreatePaymentDto): Promise<PaymentDto> {
    const now = new Date();
    return this.transactions.run(async (manager) => {
      const invoice = await this.invoices.lockForOrganization(manager, actor.organizationId, invoiceId);
      if (!invoice) throw new NotFoundError('Invoice', invoiceId);
      if (!TRANSITIONS.pay.from.includes(invoice.status)) throw new InvalidTransitionError(invoice.status, 'pay');
      if (dto.amount > invoice.amountDue) {
        const message = `The payment of ${dto.amount} exceeds the amount due, ${invoice.amountDue}`;
        throw new UnprocessableError(message, 'amount_exceeds_amount_due', {
          amountDue: invoice.amountDue,
          errors: [{ field: 'amount', message }],
        });
      }
      const payment = Object.assign(new PaymentEntity(), {
        organizationId: actor.organizationId,
        invoiceId,
        amount: dto.amount,
        paidAt: dto.paidAt ? new Date(dto.paidAt) : now,
        method: dto.method,
        reference: dto.reference ?? null,
        recordedBy: actor.userId,
        createdAt: now,
      });
      await this.payments.insert(manager, payment);
      const from = invoice.status;
      invoice.amountPaid += dto.amount;
      invoice.amountDue -= dto.amount;
      invoice.version += 1;
      const events = [invoiceEvent(invoice, 'payment_recorded', from, actor.userId, now)];
      if (invoice.amountDue === 0) {
        invoice.status = nextStatus(from, 'pay');
        invoice.paidAt = now;
        invoice.version += 1;
        events.push(invoiceEvent(invoice, 'paid', from, actor.userId, now));
      }
      await this.invoices.save(manager, invoice);
      await this.events.append(manager, events);
      return toPaymentDto(payment);
    });
  }

  async list(actor: OrgActor, invoiceId: string, query: PageQueryDto): Promise<Paginated<PaymentDto>> {
    if (!(await this.invoices.findForOrganization(actor.organizationId, invoiceId))) throw new NotFoundError('Invoice', invoiceId);
    const [rows, total] = await this.payments.listForInvoice(actor.organizationId, invoiceId, query.page, query.limit);
    return paginated(rows.map(toPaymentDto), total, query);
  }
}
