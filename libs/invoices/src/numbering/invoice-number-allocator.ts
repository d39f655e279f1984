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
   */
  async prepare(organizationId: string, year: number): Promise<void> {
    if (await this.sequences.existsForOrganization(organizationId, year)) return;
    await this.transactions.run((manager) =>
      this.sequences.insertIfMissing(manager, organizationId, year, this.config.invoices.numberPrefix),
    );
  }

  /** The next number; call inside the finalizing transaction, after `prepare`. */
  async next(manager: EntityManager, organizationId: string, year: number): Promise<string> {
    const sequence = await this.sequences.lockForOrganization(manager, organizationId, year);
    if (!sequence) throw new Error(`No invoice number sequence for ${organizationId}/${year}; call prepare() first`);
    const value = sequence.lastValue + 1;
    await this.sequences.setLastValue(manager, sequence.id, value);
    return formatInvoiceNumber(sequence.prefix, year, value);
  }
}
