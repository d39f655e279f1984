import { Injectable } from '@nestjs/common';
import { AppConfig } from '@nexus/core';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '@nexus/core';
import { formatInvoiceNumber } from './invoice-number';
import { NumberSequencesRepository } from './number-sequences.repository';

/**
 * Gap-free invoice numbers per organization and year. The number is taken
 * inside the finalizing transaction, under a lock on the counter row, and the
 * unique index uq_invoices_org_number stands behind it: if that transaction
 * rolls back, so does the counter, and the number is handed out again.
 */
@Injectable()
export class InvoiceNumberAllocator {
  constructor(
    private readonly sequences: NumberSequencesRepository,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
  ) {}

  /**
   * Creates the year's counter if needed, in its own short transaction before
   * the finalizing one: on MySQL an INSERT IGNORE that meets an existing row
   * share-locks it, and two finalizations upgrading such locks would deadlock.
   * Returns the prefix the number will carry: the organization's own
   * (`organizationPrefix`), or the server's INVOICE_NUMBER_PREFIX. One counter
   * per organization and year whatever the prefix, so a new prefix continues the count.
   */
  async prepare(organizationId: string, year: number, organizationPrefix: string | null): Promise<string> {
    const prefix = organizationPrefix ?? this.config.invoices.numberPrefix;
    if (await this.sequences.existsForOrganization(organizationId, year)) return prefix;
    await this.transactions.run((manager) => this.sequences.insertIfMissing(manager, organizationId, year, prefix));
    return prefix;
  }

  /** The next number, with the prefix `prepare` gave; call inside the finalizing transaction, after `prepare`. */
  async next(manager: EntityManager, organizationId: string, year: number, prefix: string): Promise<string> {
    const sequence = await this.sequences.lockForOrganization(manager, organizationId, year);
    if (!sequence) throw new Error(`No invoice number sequence for ${organizationId}/${year}; call prepare() first`);
    const value = sequence.lastValue + 1;
    await this.sequences.setLastValue(manager, sequence.id, value);
    return formatInvoiceNumber(prefix, year, value);
  }
}
