import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@nexus/auth';
import { ApiPaginatedResponse, ApiProblemResponses, Paginated, PageQueryDto } from '@nexus/core';
import { ApiInvoiceIdParam } from '../invoices/invoice-params';
import { orgActorOf } from '../org-actor';
import { InvoiceEventDto } from './invoice-event.dto';
import { InvoiceEventsService } from './invoice-events.service';

@ApiTags('invoices')
@ApiBearerAuth('bearer')
@Controller('invoices')
export class InvoiceEventsController {
  constructor(private readonly events: InvoiceEventsService) {}

  @Get(':id/events')
  @ApiInvoiceIdParam()
  @ApiOperation({
    summary: 'The invoice’s history (append-only), oldest first',
    description:
      'A deleted draft keeps its history, which ends with a `deleted` event (who, when); 404 for ids the organization never had.',
    operationId: 'invoicesListEvents',
  })
  @ApiPaginatedResponse(InvoiceEventDto)
  @ApiProblemResponses(401, 403, 404)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Paginated<InvoiceEventDto>> {
    return this.events.list(orgActorOf(user), id, query);
  }
}
