import { CustomerEntity } from './customers/customer.entity';
import { InvoiceEventEntity } from './events/invoice-event.entity';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity';
import { InvoiceLineEntity } from './invoices/invoice-line.entity';
import { InvoiceEntity } from './invoices/invoice.entity';
import { NumberSequenceEntity } from './numbering/number-sequence.entity';
import { PaymentEntity } from './payments/payment.entity';
import { TaxRateEntity } from './tax-rates/tax-rate.entity';

export const INVOICE_ENTITIES = [
  CustomerEntity,
  TaxRateEntity,
  InvoiceEntity,
  InvoiceLineEntity,
  NumberSequenceEntity,
  PaymentEntity,
  InvoiceEventEntity,
  IdempotencyKeyEntity,
];
