import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { CustomerSnapshot, InvoiceEntity } from '../invoices/invoice.entity';
import { InvoiceLineEntity } from '../invoices/invoice-line.entity';
import { formatMinorUnits } from '../money/currencies';
import { formatQuantity, ppmToPercentage } from '../money/decimals';
import type { Font } from 'fontkit';
import { INVOICE_PDF_FONT, loadInvoicePdfFonts } from './invoice-pdf.fonts';

export interface InvoicePdfContent {
  invoice: InvoiceEntity;
  lines: InvoiceLineEntity[];
  /** The finalization snapshot, or the current customer for a draft. */
  billTo: CustomerSnapshot;
}

const MARGIN = 50;
// Amounts get 105 pt: a bold total of 999,999,999.99 in any currency fits on one line.
const COLUMNS = { description: 50, quantity: 290, unit: 345, amount: 440, right: 545 };

/**
 * Renders an invoice from its stored values only (amounts, line snapshots,
 * customer snapshot): nothing is recomputed, so the PDF agrees with the API
 * to the minor unit. Streams are left uncompressed: invoices are small, and
 * their text stays searchable. Text is drawn in an embedded Unicode font, never
 * a standard-14 one (WinAnsi only), so names like "Łódź" or "ООО Ромашка"
 * print as stored.
 */
@Injectable()
export class InvoicePdfRenderer {
  /** Read when the module starts; each document embeds only the glyphs it uses. */
  private readonly fonts = loadInvoicePdfFonts();

  render({ invoice, lines, billTo }: InvoicePdfContent): Promise<Buffer> {
    const money = (amount: number) => `${formatMinorUnits(amount, invoice.currency)} ${invoice.currency}`;
    const title = invoice.number ? `Invoice ${invoice.number}` : 'Draft invoice';
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      compress: false,
      info: { Title: title, Producer: 'Nexus', Creator: 'Nexus', CreationDate: invoice.finalizedAt ?? invoice.updatedAt },
    });
    const done = new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    // pdfkit accepts parsed fontkit fonts (anything with layout()); its typings list only paths and bytes.
    const source = (font: Font) => font as unknown as PDFKit.Mixins.PDFFontSource;
    doc.registerFont(INVOICE_PDF_FONT.regular, source(this.fonts.regular)).registerFont(INVOICE_PDF_FONT.bold, source(this.fonts.bold));

    doc.font(INVOICE_PDF_FONT.bold).fontSize(20).text(title);
    doc.font(INVOICE_PDF_FONT.regular).fontSize(10).moveDown(0.5);
    doc.text(`Status: ${invoice.status}`);
    doc.text(`Issue date: ${invoice.issueDate ?? 'on finalization'}`);
    doc.text(`Due date: ${invoice.dueDate ?? (invoice.netDays !== null ? `${invoice.netDays} days after issue` : 'on issue')}`);
    doc.moveDown();
    doc.font(INVOICE_PDF_FONT.bold).text('Bill to');
    doc.font(INVOICE_PDF_FONT.regular).text(billTo.name);
    const address = billTo.address;
    const addressLines = address
      ? [address.line1, address.line2, [address.postalCode, address.city].filter(Boolean).join(' '), address.state, address.country]
      : [];
    for (const line of [billTo.email, ...addressLines, billTo.taxId ? `Tax id: ${billTo.taxId}` : null]) if (line) doc.text(line);
    doc.moveDown();

    this.row(doc, ['Description', 'Qty', 'Unit price', 'Amount'], true);
    for (const line of lines) {
      this.row(doc, [line.description, formatQuantity(line.quantityE4), money(line.unitAmount), money(line.amount)]);
      if (line.discountAmount > 0) this.row(doc, ['  Discount', '', '', `-${money(line.discountAmount)}`]);
    }
    doc.moveDown();

    const totals: [string, string][] = [
      ['Subtotal', money(invoice.subtotal)],
      ['Discounts', `-${money(invoice.discountTotal)}`],
      ...invoice.taxBreakdown.map((tax): [string, string] => [
        `${tax.name} ${ppmToPercentage(tax.ratePpm)}%${tax.inclusive ? ' (included)' : ''}`,
        money(tax.amount),
      ]),
      ['Total', money(invoice.total)],
      ['Amount paid', money(invoice.amountPaid)],
      ['Amount due', money(invoice.amountDue)],
    ];
    for (const [label, value] of totals) this.row(doc, ['', '', label, value], label === 'Total');
    if (invoice.memo)
      doc
        .moveDown()
        .font(INVOICE_PDF_FONT.regular)
        .text(invoice.memo, MARGIN, doc.y, { width: COLUMNS.right - MARGIN });
    doc.end();
    return done;
  }

  private row(doc: PDFKit.PDFDocument, [description, quantity, unit, amount]: string[], bold = false): void {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
    const y = doc.y;
    doc.font(bold ? INVOICE_PDF_FONT.bold : INVOICE_PDF_FONT.regular);
    doc.text(description, COLUMNS.description, y, { width: COLUMNS.quantity - COLUMNS.description - 10 });
    const bottom = doc.y;
    doc.text(quantity, COLUMNS.quantity, y, { width: COLUMNS.unit - COLUMNS.quantity - 10, align: 'right' });
    doc.text(unit, COLUMNS.unit, y, { width: COLUMNS.amount - COLUMNS.unit - 10, align: 'right' });
    doc.text(amount, COLUMNS.amount, y, { width: COLUMNS.right - COLUMNS.amount, align: 'right' });
    doc.x = MARGIN;
    doc.y = Math.max(bottom, doc.y) + 2;
  }
}
