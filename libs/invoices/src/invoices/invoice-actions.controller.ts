import { Controller, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, WRITERS } from '@nexus/auth';
import { ApiProblemResponses } from '@nexus/core';
import { OrgCacheInterceptor } from '../caching/org-cache.interceptor';
import { ApiIdempotencyKey } from '../idempotency/api-idempotency-key.decorator';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { orgActorOf } from '../org-actor';
import { InvoiceDto } from './invoice.dto';
import { InvoiceLifecycleService } from './invoice-lifecycle.service';
import { ApiInvoiceIdParam } from './invoice-params';

/** The lifecycle actions; anything outside draft → open → paid | void | uncollectible is 409 invalid_transition. */
@ApiTags('invoices')
@ApiBearerAuth('bearer')
@Controller('invoices')
@UseInterceptors(OrgCacheInterceptor, IdempotencyInterceptor)
export class InvoiceActionsController {
  constructor(private readonly lifecycle: InvoiceLifecycleService) {}

  @Post(':id/finalize')
  @Roles(...WRITERS)
  @HttpCode(200)
  @ApiInvoiceIdParam()
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Finalize a draft: draft → open (owner, admin, accountant)',
    description:
      'Assigns the next number {PREFIX}-{YYYY}-{NNNNNN} of the organization’s year, snapshots the customer and freezes the amounts, ' +
      'in one transaction. A zero total is paid at once. 422 when the draft has no lines.',
    operationId: 'invoicesFinalize',
  })
  @ApiOkResponse({ type: InvoiceDto })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  finalize(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<InvoiceDto> {
    return this.lifecycle.finalize(orgActorOf(user), id);
  }

  @Post(':id/void')
  @Roles(...WRITERS)
  @HttpCode(200)
  @ApiInvoiceIdParam()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Void an open or uncollectible invoice (owner, admin, accountant)', operationId: 'invoicesVoid' })
  @ApiOkResponse({ type: InvoiceDto })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  void(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<InvoiceDto> {
    return this.lifecycle.void(orgActorOf(user), id);
  }

  @Post(':id/mark-uncollectible')
  @Roles(...WRITERS)
  @HttpCode(200)
  @ApiInvoiceIdParam()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Mark an open invoice uncollectible (owner, admin, accountant)', operationId: 'invoicesMarkUncollectible' })
  @ApiOkResponse({ type: InvoiceDto })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  markUncollectible(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<InvoiceDto> {
    return this.lifecycle.markUncollectible(orgActorOf(user), id);
  }
}
