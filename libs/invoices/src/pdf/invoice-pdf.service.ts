import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@nexus/core';
import { CustomersRepository } from '../customers/customers.repository';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { OrgActor } from '../org-actor';
import { InvoicePdfRenderer } from './invoice-pdf.renderer';

export interface RenderedPdf {
  filename: string;
  bytes: Buffer;
}

@Injectable()
export class InvoicePdfService {
  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly customers: CustomersRepository,
    private readonly renderer: InvoicePdfRenderer,
  ) {}

  /** The invoice as a PDF: a finalized one bills its snapshot, a draft its customer as it is now. */
  async render(actor: OrgActor, id: string): Promise<RenderedPdf> {
    const invoice = await this.invoices.findForOrganization(actor.organizationId, id);
    if (!invoice) throw new NotFoundError('Invoice', id);
    const lines = await this.invoices.linesOf([invoice.id]);
    let billTo = invoice.customerSnapshot;
    if (!billTo) {
      const customer = await this.customers.findIncludingDeleted(actor.organizationId, invoice.customerId);
      if (!customer) throw new NotFoundError('Customer', invoice.customerId);
      billTo = { id: customer.id, name: customer.name, email: customer.email, address: customer.address, taxId: customer.taxId };
    }
    const bytes = await this.renderer.render({ invoice, lines, billTo });
    return { filename: `${invoice.number ?? `draft-${invoice.id}`}.pdf`, bytes };
  }
}
