import { MigrationInterface, QueryRunner } from 'typeorm';

export class InvoiceEventsKeepDeleted1795740309855 implements MigrationInterface {
  name = 'InvoiceEventsKeepDeleted1795740309855';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_invoice_events_invoice_created"`);
    await queryRunner.query(`CREATE TABLE "temporary_invoice_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "organization_id" varchar(36) NOT NULL, "invoice_id" varchar(36) NOT NULL, "type" varchar(32) NOT NULL, "from_status" varchar(16), "to_status" varchar(16), "actor_id" varchar(36), "invoice_version" integer NOT NULL, "created_at" datetime(3) NOT NULL)`);
    await queryRunner.query(`INSERT INTO "temporary_invoice_events"("id", "organization_id", "invoice_id", "type", "from_status", "to_status", "actor_id", "invoice_version", "created_at") SELECT "id", "organization_id", "invoice_id", "type", "from_status", "to_status", "actor_id", "invoice_version", "created_at" FROM "invoice_events"`);
    await queryRunner.query(`DROP TABLE "invoice_events"`);
    await queryRunner.query(`ALTER TABLE "temporary_invoice_events" RENAME TO "invoice_events"`);
    await queryRunner.query(`CREATE INDEX "ix_invoice_events_invoice_created" ON "invoice_events" ("invoice_id", "created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The history of deleted drafts cannot be kept under the foreign key again.
    await queryRunner.query(`DELETE FROM "invoice_events" WHERE "invoice_id" NOT IN (SELECT "id" FROM "invoices")`);
    await queryRunner.query(`DROP INDEX "ix_invoice_events_invoice_created"`);
    await queryRunner.query(`ALTER TABLE "invoice_events" RENAME TO "temporary_invoice_events"`);
    await queryRunner.query(`CREATE TABLE "invoice_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "organization_id" varchar(36) NOT NULL, "invoice_id" varchar(36) NOT NULL, "type" varchar(32) NOT NULL, "from_status" varchar(16), "to_status" varchar(16), "actor_id" varchar(36), "invoice_version" integer NOT NULL, "created_at" datetime(3) NOT NULL, CONSTRAINT "FK_80889698a7725b90dce4565a356" FOREIGN KEY ("invoice_id") REFERENCES "invoices" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "invoice_events"("id", "organization_id", "invoice_id", "type", "from_status", "to_status", "actor_id", "invoice_version", "created_at") SELECT "id", "organization_id", "invoice_id", "type", "from_status", "to_status", "actor_id", "invoice_version", "created_at" FROM "temporary_invoice_events"`);
    await queryRunner.query(`DROP TABLE "temporary_invoice_events"`);
    await queryRunner.query(`CREATE INDEX "ix_invoice_events_invoice_created" ON "invoice_events" ("invoice_id", "created_at") `);
  }
}
