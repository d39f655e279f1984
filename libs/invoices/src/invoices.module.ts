import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@nexus/auth';
import { OrgCache } from './caching/org-cache.service';
import { OrgCacheInterceptor } from './caching/org-cache.interceptor';
import { CustomersController } from './customers/customers.controller';
import { CustomersRepository } from './customers/customers.repository';
import { CustomersService } from './customers/customers.service';
import { INVOICE_ENTITIES } from './entities';
import { InvoiceEventsController } from './events/invoice-events.controller';
import { InvoiceEventsRepository } from './events/invoice-events.repository';
import { InvoiceEventsService } from './events/invoice-events.service';
import { IdempotencyKeysRepository } from './idempotency/idempotency-keys.repository';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyProcessor } from './idempotency/idempotency.processor';
import { IdempotencyScheduler } from './idempotency/idempotency.scheduler';
import { IdempotencyService } from './idempotency/idempotency.service';
import { InvoiceActionsController } from './invoices/invoice-actions.controller';
import { InvoiceETagInterceptor } from './invoices/invoice-etag.interceptor';
import { InvoiceLifecycleService } from './invoices/invoice-lifecycle.service';
import { InvoiceLinesBuilder } from './invoices/invoice-lines.builder';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesRepository } from './invoices/invoices.repository';
import { InvoicesService } from './invoices/invoices.service';
import { InvoiceNumberAllocator } from './numbering/invoice-number-allocator';
import { NumberSequencesRepository } from './numbering/number-sequences.repository';
import { OverdueProcessor } from './overdue/overdue.processor';
import { OverdueScheduler } from './overdue/overdue.scheduler';
import { OverdueService } from './overdue/overdue.service';
import { PaymentsController } from './payments/payments.controller';
import { PaymentsRepository } from './payments/payments.repository';
import { PaymentsService } from './payments/payments.service';
import { InvoicePdfController } from './pdf/invoice-pdf.controller';
import { InvoicePdfRenderer } from './pdf/invoice-pdf.renderer';
import { InvoicePdfService } from './pdf/invoice-pdf.service';
import { TaxRatesController } from './tax-rates/tax-rates.controller';
import { TaxRatesRepository } from './tax-rates/tax-rates.repository';
import { TaxRatesService } from './tax-rates/tax-rates.service';

/**
 * Customers, tax rates, invoices with their lifecycle, gap-free numbering,
 * payments, history and PDFs; cached reads and idempotent POSTs. Uses the
 * auth module only through OrganizationSettings (the organization's time zone).
 */
@Module({
  imports: [TypeOrmModule.forFeature(INVOICE_ENTITIES), AuthModule],
  controllers: [
    CustomersController,
    TaxRatesController,
    InvoicesController,
    InvoiceActionsController,
    PaymentsController,
    InvoiceEventsController,
    InvoicePdfController,
  ],
  providers: [
    OrgCache,
    OrgCacheInterceptor,
    IdempotencyKeysRepository,
    IdempotencyService,
    IdempotencyInterceptor,
    IdempotencyProcessor,
    IdempotencyScheduler,
    CustomersRepository,
    CustomersService,
    TaxRatesRepository,
    TaxRatesService,
    InvoicesRepository,
    InvoiceLinesBuilder,
    InvoiceETagInterceptor,
    InvoicesService,
    InvoiceLifecycleService,
    NumberSequencesRepository,
    InvoiceNumberAllocator,
    PaymentsRepository,
    PaymentsService,
    InvoiceEventsRepository,
    InvoiceEventsService,
    InvoicePdfRenderer,
    InvoicePdfService,
    OverdueService,
    OverdueProcessor,
    OverdueScheduler,
  ],
  // The CLI's demo seed creates its data through the same services as the API.
  exports: [InvoicesService, InvoiceLifecycleService, CustomersService, TaxRatesService, PaymentsService],
})
export class InvoicesModule {}
