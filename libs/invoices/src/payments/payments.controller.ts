import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, WRITERS } from '@nexus/auth';
import { ApiPaginatedResponse, ApiProblemResponses, Paginated, PageQueryDto } from '@nexus/core';
import { OrgCacheInterceptor } from '../caching/org-cache.interceptor';
import { ApiIdempotencyKey } from '../idempotency/api-idempotency-key.decorator';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { ApiInvoiceIdParam } from '../invoices/invoice-params';
import { orgActorOf } from '../org-actor';
import { CreatePaymentDto, PaymentDto } from './payment.dto';
import { PaymentsService } from './payments.service';

@ApiTags('invoices')
@ApiBearerAuth('bearer')
@Controller('invoices')
@UseInterceptors(OrgCacheInterceptor, IdempotencyInterceptor)
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post(':id/payments')
  @Roles(...WRITERS)
  @ApiInvoiceIdParam()
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Record a payment (owner, admin, accountant)',
    description:
      'Open or uncollectible invoices only (409 invalid_transition otherwise). More than the amount due is refused (422); ' +
      'the payment that settles the amount due marks the invoice paid.',
    operationId: 'invoicesRecordPayment',
  })
  @ApiCreatedResponse({ type: PaymentDto })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  record(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CreatePaymentDto,
  ): Promise<PaymentDto> {
    return this.payments.record(orgActorOf(user), id, dto);
  }

  @Get(':id/payments')
  @ApiInvoiceIdParam()
  @ApiOperation({ summary: 'Payments of an invoice, oldest first', operationId: 'invoicesListPayments' })
  @ApiPaginatedResponse(PaymentDto)
  @ApiProblemResponses(401, 403, 404)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Paginated<PaymentDto>> {
    return this.payments.list(orgActorOf(user), id, query);
  }
}
