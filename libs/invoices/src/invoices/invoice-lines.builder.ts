import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@nexus/core';
import { EntityManager } from 'typeorm';
import { UnprocessableError } from '../errors';
import { computeInvoice, LineInput, TaxRateSnapshot } from '../money/invoice-calculator';
import { parseQuantity, percentageToPpm } from '../money/decimals';
import { TaxRatesRepository } from '../tax-rates/tax-rates.repository';
import { InvoiceLineInputDto } from './invoice-input.dto';
import { InvoiceLineEntity } from './invoice-line.entity';
import { InvoiceEntity } from './invoice.entity';

/**
 * Turns request lines into stored lines and sets the invoice's totals. Each
 * line keeps a snapshot of the tax rates it used (name, rate, inclusiveness),
 * so a rate renamed or deleted later never changes an invoice.
 */
@Injectable()
export class InvoiceLinesBuilder {
  constructor(private readonly rates: TaxRatesRepository) {}

  async build(manager: EntityManager, invoice: InvoiceEntity, inputs: InvoiceLineInputDto[]): Promise<InvoiceLineEntity[]> {
    const ids = [...new Set(inputs.flatMap((line) => line.taxRateIds ?? []))];
    const found = new Map((await this.rates.findManyForOrganization(invoice.organizationId, ids, manager)).map((rate) => [rate.id, rate]));
    const snapshots = (line: InvoiceLineInputDto, position: number): TaxRateSnapshot[] =>
      (line.taxRateIds ?? []).map((id, index) => {
        const field = `lines[${position}].taxRateIds[${index}]`;
        const rate = found.get(id);
        if (!rate) throw new NotFoundError('Tax rate', id, field);
        if (!rate.active) {
          const message = `Tax rate ${id} (${rate.name}) is inactive`;
          throw new UnprocessableError(message, 'tax_rate_inactive', { errors: [{ field, message }] });
        }
        return { taxRateId: rate.id, name: rate.name, ratePpm: rate.ratePpm, inclusive: rate.inclusive };
      });
    const computable: LineInput[] = inputs.map((line, position) => ({
      quantity: parseQuantity(line.quantity),
      unitAmount: line.unitAmount,
      discount: !line.discount
        ? null
        : line.discount.type === 'percent'
          ? { type: 'percent', ratePpm: percentageToPpm(line.discount.value) as number }
          : { type: 'amount', amount: line.discount.value },
      taxRates: snapshots(line, position),
    }));
    const totals = computeInvoice(computable);
    Object.assign(invoice, {
      subtotal: totals.subtotal,
      discountTotal: totals.discountTotal,
      taxTotal: totals.taxTotal,
      taxBreakdown: totals.taxBreakdown,
      total: totals.total,
      amountDue: totals.total - invoice.amountPaid,
    });
    return inputs.map((line, position) =>
      Object.assign(new InvoiceLineEntity(), {
        organizationId: invoice.organizationId,
        invoiceId: invoice.id,
        position,
        description: line.description,
        quantityE4: Number(computable[position].quantity),
        unitAmount: line.unitAmount,
        discountType: line.discount?.type ?? null,
        discountValue: line.discount
          ? line.discount.type === 'percent'
            ? percentageToPpm(line.discount.value)
            : line.discount.value
          : null,
        amount: totals.lines[position].amount,
        discountAmount: totals.lines[position].discountAmount,
        taxAmount: totals.lines[position].taxAmount,
        taxes: totals.lines[position].taxes,
      }),
    );
  }
}
