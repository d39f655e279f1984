import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, WRITERS } from '@nexus/auth';
import { ApiPaginatedResponse, ApiProblemResponses, Paginated } from '@nexus/core';
import { CachedRead, OrgCacheInterceptor } from '../caching/org-cache.interceptor';
import { ApiIdempotencyKey } from '../idempotency/api-idempotency-key.decorator';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { orgActorOf } from '../org-actor';
import { CreateInvoiceDto, UpdateInvoiceDto } from './invoice-input.dto';
import { InvoiceDto } from './invoice.dto';
import { InvoiceETagInterceptor, SendsETag } from './invoice-etag.interceptor';
import { ApiInvoiceIdParam, IfMatch } from './invoice-params';
import { InvoiceListQueryDto } from './invoice-query.dto';
import { InvoicesService } from './invoices.service';

const ETAG_HEADER = {
  ETag: { description: 'W/"<version>" (W/"<version>-overdue" once overdue)', schema: { type: 'string', maxLength: 40, example: 'W/"3"' } },
};

@ApiTags('invoices')
@ApiBearerAuth('bearer')
@Controller('invoices')
@UseInterceptors(InvoiceETagInterceptor, OrgCacheInterceptor, IdempotencyInterceptor)
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Post()
  @Roles(...WRITERS)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Create a draft invoice (owner, admin, accountant)',
    description: 'The server computes every amount; totals sent by the client are refused as unknown fields.',
    operationId: 'invoicesCreate',
  })
  @ApiCreatedResponse({ type: InvoiceDto })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateInvoiceDto): Promise<InvoiceDto> {
    return this.invoices.create(orgActorOf(user), dto);
  }

  @Get()
  @CachedRead()
  @ApiOperation({
    summary: 'Invoices of the organization',
    description:
      'Filters: status (or overdue), customerId, issueDate[gte|lte], dueDate[gte|lte], total[gte|lte], q (number or customer name). ' +
      '`sort` takes createdAt (default, newest first), issueDate, dueDate, total, number. Answers are cached until the next write.',
    operationId: 'invoicesList',
  })
  @ApiPaginatedResponse(InvoiceDto)
  @ApiProblemResponses(401, 403)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: InvoiceListQueryDto): Promise<Paginated<InvoiceDto>> {
    return this.invoices.list(orgActorOf(user), query);
  }

  @Get(':id')
  @CachedRead()
  @SendsETag()
  @ApiInvoiceIdParam()
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'An ETag from an earlier answer: 304 if unchanged',
    schema: { type: 'string', maxLength: 200 },
  })
  @ApiOperation({ summary: 'One invoice, with an ETag', operationId: 'invoicesGet' })
  @ApiOkResponse({ type: InvoiceDto, headers: ETAG_HEADER })
  @ApiResponse({ status: 304, description: 'Not modified since the ETag in If-None-Match', headers: ETAG_HEADER })
  @ApiProblemResponses(401, 403, 404)
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<InvoiceDto> {
    return this.invoices.get(orgActorOf(user), id);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @SendsETag()
  @ApiInvoiceIdParam()
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag (W/"3") or version (3) the change is based on; 412 when the invoice has changed since',
    schema: { type: 'string', maxLength: 200 },
  })
  @ApiOperation({
    summary: 'Change a draft (owner, admin, accountant)',
    description: 'A finalized invoice is not a draft: 409 with `code: invoice_not_draft`.',
    operationId: 'invoicesUpdate',
  })
  @ApiOkResponse({ type: InvoiceDto, headers: ETAG_HEADER })
  @ApiProblemResponses(401, 403, 404, 409, 412, 422)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateInvoiceDto,
    @IfMatch() ifMatch?: string,
  ): Promise<InvoiceDto> {
    return this.invoices.update(orgActorOf(user), id, dto, ifMatch);
  }

  @Delete(':id')
  @Roles(...WRITERS)
  @HttpCode(204)
  @ApiInvoiceIdParam()
  @ApiOperation({
    summary: 'Delete a draft (owner, admin, accountant); finalized invoices are voided instead',
    description:
      'A finalized invoice is not a draft: 409 with `code: invoice_not_draft`. The draft’s history stays readable at `/invoices/{id}/events`, ending with `deleted`.',
    operationId: 'invoicesDelete',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponses(401, 403, 404, 409)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.invoices.remove(orgActorOf(user), id);
  }
}
