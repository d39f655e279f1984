import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SortField } from '@nexus/core';
import { Brackets, EntityManager, In, Repository } from 'typeorm';
import { forUpdate } from '@nexus/core';
import { containsPattern } from '../database/like';
import { InvoiceLineEntity } from './invoice-line.entity';
import { InvoiceEntity } from './invoice.entity';
import { InvoiceStatus } from './invoice-status';

export type InvoiceSortField = 'createdAt' | 'issueDate' | 'dueDate' | 'total' | 'number';
const MAY_BE_MISSING: ReadonlySet<InvoiceSortField> = new Set(['issueDate', 'dueDate', 'number']);

export interface InvoiceListFilter {
  status?: InvoiceStatus | 'overdue';
  customerId?: string;
  issueDateGte?: string;
  issueDateLte?: string;
  dueDateGte?: string;
  dueDateLte?: string;
  totalGte?: number;
  totalLte?: number;
  q?: string;
  sort: SortField<InvoiceSortField>[];
  page: number;
  limit: number;
}

/** Invoices and their lines; every read and write names the organization. */
@Injectable()
export class InvoicesRepository {
  constructor(@InjectRepository(InvoiceEntity) private readonly invoices: Repository<InvoiceEntity>) {}

  findForOrganization(organizationId: string, id: string, manager?: EntityManager): Promise<InvoiceEntity | null> {
    return (manager ?? this.invoices.manager).findOne(InvoiceEntity, { where: { organizationId, id } });
  }

  /** The invoice row under `SELECT … FOR UPDATE`: lifecycle changes and payments of one invoice run one at a time. */
  lockForOrganization(manager: EntityManager, organizationId: string, id: string): Promise<InvoiceEntity | null> {
    const query = manager
      .createQueryBuilder(InvoiceEntity, 'i')
      .where('i.id = :id', { id })
      .andWhere('i.organizationId = :organizationId', { organizationId });
    return forUpdate(query).getOne();
  }

  /** Served by ix_invoice_lines_invoice. */
  linesOf(invoiceIds: string[], manager?: EntityManager): Promise<InvoiceLineEntity[]> {
    if (invoiceIds.length === 0) return Promise.resolve([]);
    return (manager ?? this.invoices.manager).find(InvoiceLineEntity, {
      where: { invoiceId: In(invoiceIds) },
      order: { invoiceId: 'ASC', position: 'ASC' },
    });
  }

  /** Served by ix_invoices_org_customer. */
  async existsForCustomer(manager: EntityManager, organizationId: string, customerId: string): Promise<boolean> {
    return (await manager.count(InvoiceEntity, { where: { organizationId, customerId }, take: 1 })) > 0;
  }

  /**
   * One page of the organization's invoices. Every filter and sort has an
   * index led by organization_id: ix_invoices_org_status_due (status, and
   * overdue = open with due_date before the organization's today),
   * ix_invoices_org_customer (customerId), ix_invoices_org_issue_date,
   * ix_invoices_org_due_date, ix_invoices_org_total (ranges and sorts),
   * ix_invoices_org_created (the default sort) and uq_invoices_org_number
   * (number sort). Sorting by a column a draft may leave empty (number,
   * dates) puts the empty ones last, so those sorts order the organization's
   * matching rows rather than read an index in order. `q` matches the number
   * or the customer's name (as printed on a finalized invoice, current on a
   * draft) as a substring, over the rows the other conditions leave (no index
   * serves a substring).
   */
  list(organizationId: string, filter: InvoiceListFilter, today: string): Promise<[InvoiceEntity[], number]> {
    const query = this.invoices.createQueryBuilder('i').where('i.organizationId = :organizationId', { organizationId });
    if (filter.status === 'overdue') query.andWhere("i.status = 'open'").andWhere('i.dueDate < :today', { today });
    else if (filter.status) query.andWhere('i.status = :status', { status: filter.status });
    if (filter.customerId) query.andWhere('i.customerId = :customerId', { customerId: filter.customerId });
    if (filter.issueDateGte) query.andWhere('i.issueDate >= :issueDateGte', { issueDateGte: filter.issueDateGte });
    if (filter.issueDateLte) query.andWhere('i.issueDate <= :issueDateLte', { issueDateLte: filter.issueDateLte });
    if (filter.dueDateGte) query.andWhere('i.dueDate >= :dueDateGte', { dueDateGte: filter.dueDateGte });
    if (filter.dueDateLte) query.andWhere('i.dueDate <= :dueDateLte', { dueDateLte: filter.dueDateLte });
    if (filter.totalGte !== undefined) query.andWhere('i.total >= :totalGte', { totalGte: filter.totalGte });
    if (filter.totalLte !== undefined) query.andWhere('i.total <= :totalLte', { totalLte: filter.totalLte });
    if (filter.q) {
      const pattern = containsPattern(filter.q);
      query.leftJoin('i.customer', 'c').andWhere(
        new Brackets((q) =>
          q
            .where("LOWER(i.number) LIKE :pattern ESCAPE '!'", { pattern })
            // A finalized invoice by the name it shows (its snapshot's), a draft by its customer's current one.
            .orWhere("LOWER(COALESCE(i.customerName, c.name)) LIKE :pattern ESCAPE '!'"),
        ),
      );
    }
    for (const { field, direction } of filter.sort) {
      // A draft's number and dates may be missing: they sort after the others in either direction, on every
      // database (PostgreSQL would put them last ascending and first descending, MySQL and SQLite the reverse).
      if (MAY_BE_MISSING.has(field)) {
        query.addSelect(`CASE WHEN i.${field} IS NULL THEN 1 ELSE 0 END`, `${field}_missing`).addOrderBy(`${field}_missing`, 'ASC');
      }
      query.addOrderBy(`i.${field}`, direction);
    }
    // The id breaks ties in the last sort's direction, so the index (which ends with the primary key on
    // InnoDB) is read in one direction and the page needs no sort of every matching row.
    return query
      .addOrderBy('i.id', filter.sort.at(-1)?.direction ?? 'ASC')
      .skip((filter.page - 1) * filter.limit)
      .take(filter.limit)
      .getManyAndCount();
  }

  save(manager: EntityManager, invoice: InvoiceEntity): Promise<InvoiceEntity> {
    return manager.save(InvoiceEntity, invoice);
  }

  /**
   * Notes that the overdue event was recorded, leaving updated_at alone: the
   * invoice itself did not change (its version, ETag and cached copies stay
   * valid), and TypeORM would otherwise set updated_at on any update.
   */
  async markOverdueRecorded(manager: EntityManager, id: string, at: Date): Promise<void> {
    const updatedAt = manager.connection.driver.escape('updated_at');
    await manager
      .createQueryBuilder()
      .update(InvoiceEntity)
      .set({ overdueRecordedAt: at, updatedAt: () => updatedAt })
      .where('id = :id', { id })
      .execute();
  }

  /**
   * Replaces the lines of an invoice the caller holds locked. Old lines are
   * deleted by primary key: a range delete on ix_invoice_lines_invoice would
   * take gap locks on MySQL that deadlock with concurrent inserts of other
   * invoices' lines.
   */
  async replaceLines(manager: EntityManager, invoiceId: string, lines: InvoiceLineEntity[]): Promise<void> {
    const old = await manager.find(InvoiceLineEntity, { select: { id: true }, where: { invoiceId } });
    if (old.length > 0)
      await manager.delete(
        InvoiceLineEntity,
        old.map((line) => line.id),
      );
    await this.insertLines(manager, lines);
  }

  async insertLines(manager: EntityManager, lines: InvoiceLineEntity[]): Promise<void> {
    // updateEntity(false): TypeORM re-reads defaulted columns after a multi-row insert on SQLite and MySQL and merges them by position, not id.
    if (lines.length > 0) await manager.createQueryBuilder().insert().into(InvoiceLineEntity).values(lines).updateEntity(false).execute();
  }

  /** Lines and events go with it (ON DELETE CASCADE). */
  async delete(manager: EntityManager, organizationId: string, id: string): Promise<void> {
    await manager.delete(InvoiceEntity, { organizationId, id });
  }

  /**
   * Open invoices due before `before` whose overdue event is not recorded yet,
   * across organizations (the daily job), in (dueDate, id) order after `after`.
   * Served by ix_invoices_status_due.
   */
  findOverdueCandidates(
    before: string,
    after: { dueDate: string; id: string } | null,
    limit: number,
  ): Promise<Pick<InvoiceEntity, 'id' | 'organizationId' | 'dueDate'>[]> {
    const query = this.invoices
      .createQueryBuilder('i')
      .select(['i.id', 'i.organizationId', 'i.dueDate'])
      .where("i.status = 'open'")
      .andWhere('i.dueDate < :before', { before })
      .andWhere('i.overdueRecordedAt IS NULL');
    if (after) {
      query.andWhere(new Brackets((q) => q.where('i.dueDate > :dueDate', after).orWhere('i.dueDate = :dueDate AND i.id > :id', after)));
    }
    return query.orderBy('i.dueDate', 'ASC').addOrderBy('i.id', 'ASC').take(limit).getMany();
  }
}
