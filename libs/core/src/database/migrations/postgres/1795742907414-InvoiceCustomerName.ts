import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * invoices.customer_name: the snapshot's customer name, so `q` finds a
 * finalized invoice by the name it shows; filled in here for the invoices
 * finalized before it existed.
 */
export class InvoiceCustomerName1795742907414 implements MigrationInterface {
  name = 'InvoiceCustomerName1795742907414';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" ADD "customer_name" character varying(200)`);
    await queryRunner.query(
      `UPDATE "invoices" SET "customer_name" = ("customer_snapshot"::json ->> 'name') WHERE "customer_snapshot" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "customer_name"`);
  }
}
