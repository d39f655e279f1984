import { PaymentDto } from './payment.dto';
import { PaymentEntity } from './payment.entity';

export function toPaymentDto(payment: PaymentEntity): PaymentDto {
  return {
    id: payment.id,
    invoiceId: payment.invoiceId,
    amount: payment.amount,
    paidAt: payment.paidAt,
    method: payment.method,
    reference: payment.reference,
    createdAt: payment.createdAt,
  };
}
