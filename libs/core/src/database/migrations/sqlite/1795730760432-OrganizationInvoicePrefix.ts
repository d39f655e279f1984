import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * organizations.invoice_prefix: an organization's own invoice number prefix
 * (null: the server's INVOICE_NUMBER_PREFIX). Written by hand: SQLite adds a
 * nullable column in place, where the generated migration would copy the
 * table every other table's foreign keys point at.
 */
export class OrganizationInvoicePrefix1795730760432 implements MigrationInterface {
  name = 'OrganizationInvoicePrefix1795730760432';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ADD COLUMN "invoice_prefix" varchar(10)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "invoice_prefix"`);
  }
}
