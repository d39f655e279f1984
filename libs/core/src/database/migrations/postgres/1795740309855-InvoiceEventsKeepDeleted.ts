import { MigrationInterface, QueryRunner } from 'typeorm';

export class InvoiceEventsKeepDeleted1795740309855 implements MigrationInterface {
  name = 'InvoiceEventsKeepDeleted1795740309855';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoice_events" DROP CONSTRAINT "FK_80889698a7725b90dce4565a356"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The history of deleted drafts cannot be kept under the foreign key again.
    await queryRunner.query(`DELETE FROM "invoice_events" WHERE "invoice_id" NOT IN (SELECT "id" FROM "invoices")`);
    await queryRunner.query(`ALTER TABLE "invoice_events" ADD CONSTRAINT "FK_80889698a7725b90dce4565a356" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }
}
