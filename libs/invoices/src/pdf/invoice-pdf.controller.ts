import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@nexus/auth';
import { ApiProblemResponses } from '@nexus/core';
import type { FastifyReply } from 'fastify';
import { ApiInvoiceIdParam } from '../invoices/invoice-params';
import { orgActorOf } from '../org-actor';
import { InvoicePdfService } from './invoice-pdf.service';

@ApiTags('invoices')
@ApiBearerAuth('bearer')
@Controller('invoices')
export class InvoicePdfController {
  constructor(private readonly pdfs: InvoicePdfService) {}

  @Get(':id/pdf')
  @ApiInvoiceIdParam()
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The invoice as a PDF',
    description: 'Rendered from the stored amounts and the customer snapshot: the same totals as the API, to the minor unit.',
    operationId: 'invoicesGetPdf',
  })
  @ApiOkResponse({
    description: 'The PDF document',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary', maxLength: 10_485_760 } } },
  })
  @ApiProblemResponses(401, 403, 404)
  async pdf(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { filename, bytes } = await this.pdfs.render(orgActorOf(user), id);
    reply.header('Content-Disposition', `inline; filename="${filename}"`).header('Cache-Control', 'private, no-store');
    return new StreamableFile(bytes, { type: 'application/pdf', length: bytes.length });
  }
}
