import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PaymentEntity } from './payment.entity';

@Injectable()
export class PaymentsRepository {
  constructor(@InjectRepository(PaymentEntity) private readonly payments: Repository<PaymentEntity>) {}

  async insert(manager: EntityManager, payment: PaymentEntity): Promise<void> {
    await manager.insert(PaymentEntity, payment);
  }

  /** One page of an invoice's payments, oldest first. Served by ix_payments_invoice_paid. */
  listForInvoice(organizationId: string, invoiceId: string, page: number, limit: number): Promise<[PaymentEntity[], number]> {
    return this.payments.findAndCount({
      where: { organizationId, invoiceId },
      order: { paidAt: 'ASC', id: 'ASC' },
      skip: (page - 1) * limit,
      take: limit,
    });
  }
}
