import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganizationInvoicePrefix1795730760432 implements MigrationInterface {
  name = 'OrganizationInvoicePrefix1795730760432';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ADD "invoice_prefix" character varying(10)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "invoice_prefix"`);
  }
}
