import { MigrationInterface, QueryRunner } from 'typeorm';

export class Invoices1795698066921 implements MigrationInterface {
  name = 'Invoices1795698066921';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "customers" ("id" character varying(36) NOT NULL, "organization_id" character varying(36) NOT NULL, "name" character varying(200) NOT NULL, "email" character varying(254), "address" text, "tax_id" character varying(64), "currency" character varying(3), "deleted_at" TIMESTAMP(3), "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_133ec679a801fab5e070f73d3ea" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_customers_org_created" ON "customers"  ("organization_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_customers_org_name" ON "customers"  ("organization_id", "name") `);
    await queryRunner.query(`CREATE TABLE "invoices" ("id" character varying(36) NOT NULL, "organization_id" character varying(36) NOT NULL, "customer_id" character varying(36) NOT NULL, "status" character varying(16) NOT NULL, "number" character varying(32), "currency" character varying(3) NOT NULL, "issue_date" character varying(10), "due_date" character varying(10), "net_days" integer, "memo" character varying(2000), "subtotal" bigint NOT NULL, "discount_total" bigint NOT NULL, "tax_total" bigint NOT NULL, "tax_breakdown" text NOT NULL, "total" bigint NOT NULL, "amount_paid" bigint NOT NULL, "amount_due" bigint NOT NULL, "customer_snapshot" text, "version" integer NOT NULL, "finalized_at" TIMESTAMP(3), "paid_at" TIMESTAMP(3), "voided_at" TIMESTAMP(3), "marked_uncollectible_at" TIMESTAMP(3), "overdue_recorded_at" TIMESTAMP(3), "created_at" TIMESTAMP(3) NOT NULL, "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_668cef7c22a427fd822cc1be3ce" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_invoices_status_due" ON "invoices"  ("status", "due_date") `);
    await queryRunner.query(`CREATE INDEX "ix_invoices_org_total" ON "invoices"  ("organization_id", "total") `);
    await queryRunner.query(`CREATE INDEX "ix_invoices_org_due_date" ON "invoices"  ("organization_id", "due_date") `);
    await queryRunner.query(`CREATE INDEX "ix_invoices_org_issue_date" ON "invoices"  ("organization_id", "issue_date") `);
    await queryRunner.query(`CREATE INDEX "ix_invoices_org_customer" ON "invoices"  ("organization_id", "customer_id") `);
    await queryRunner.query(`CREATE INDEX "ix_invoices_org_status_due" ON "invoices"  ("organization_id", "status", "due_date") `);
    await queryRunner.query(`CREATE INDEX "ix_invoices_org_created" ON "invoices"  ("organization_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invoices_org_number" ON "invoices"  ("organization_id", "number") `);
    await queryRunner.query(`CREATE TABLE "invoice_events" ("id" character varying(36) NOT NULL, "organization_id" character varying(36) NOT NULL, "invoice_id" character varying(36) NOT NULL, "type" character varying(32) NOT NULL, "from_status" character varying(16), "to_status" character varying(16), "actor_id" character varying(36), "invoice_version" integer NOT NULL, "created_at" TIMESTAMP(3) NOT NULL, CONSTRAINT "PK_a42e9c3b2513d1e6c2db08ad914" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_invoice_events_invoice_created" ON "invoice_events"  ("invoice_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "idempotency_keys" ("id" character varying(36) NOT NULL, "organization_id" character varying(36) NOT NULL, "idempotency_key" character varying(255) NOT NULL, "request_hash" character varying(64) NOT NULL, "state" character varying(16) NOT NULL, "response_status" integer, "response_body" text, "created_at" TIMESTAMP(3) NOT NULL, "expires_at" TIMESTAMP(3) NOT NULL, CONSTRAINT "PK_8ad20779ad0411107a56e53d0f6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_idempotency_keys_expires" ON "idempotency_keys"  ("expires_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_idempotency_keys_org_key" ON "idempotency_keys"  ("organization_id", "idempotency_key") `);
    await queryRunner.query(`CREATE TABLE "invoice_lines" ("id" character varying(36) NOT NULL, "organization_id" character varying(36) NOT NULL, "invoice_id" character varying(36) NOT NULL, "position" integer NOT NULL, "description" character varying(500) NOT NULL, "quantity_e4" bigint NOT NULL, "unit_amount" bigint NOT NULL, "discount_type" character varying(8), "discount_value" bigint, "amount" bigint NOT NULL, "discount_amount" bigint NOT NULL, "tax_amount" bigint NOT NULL, "taxes" text NOT NULL, CONSTRAINT "PK_3d18eb48142b916f581f0c21a65" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_invoice_lines_invoice" ON "invoice_lines"  ("invoice_id", "position") `);
    await queryRunner.query(`CREATE TABLE "invoice_number_sequences" ("id" character varying(36) NOT NULL, "organization_id" character varying(36) NOT NULL, "year" integer NOT NULL, "prefix" character varying(16) NOT NULL, "last_value" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_31671e6b677c1fc8cf25cb90a65" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invoice_number_sequences_org_year" ON "invoice_number_sequences"  ("organization_id", "year") `);
    await queryRunner.query(`CREATE TABLE "payments" ("id" character varying(36) NOT NULL, "organization_id" character varying(36) NOT NULL, "invoice_id" character varying(36) NOT NULL, "amount" bigint NOT NULL, "paid_at" TIMESTAMP(3) NOT NULL, "method" character varying(16) NOT NULL, "reference" character varying(200), "recorded_by" character varying(36), "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_197ab7af18c93fbb0c9b28b4a59" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_payments_invoice_paid" ON "payments"  ("invoice_id", "paid_at") `);
    await queryRunner.query(`CREATE TABLE "tax_rates" ("id" character varying(36) NOT NULL, "organization_id" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "rate_ppm" integer NOT NULL, "inclusive" boolean NOT NULL, "active" boolean NOT NULL DEFAULT true, "deleted_at" TIMESTAMP(3), "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_41164a748f3dafa373c7e508ca2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_tax_rates_org_name" ON "tax_rates"  ("organization_id", "name") `);
    await queryRunner.query(`ALTER TABLE "invoices" ADD CONSTRAINT "FK_65e3145f317bd655481d3f96c74" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invoice_events" ADD CONSTRAINT "FK_80889698a7725b90dce4565a356" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invoice_lines" ADD CONSTRAINT "FK_2da95dc86a54a00ff20ce46d0fe" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "payments" ADD CONSTRAINT "FK_563a5e248518c623eebd987d43e" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payments" DROP CONSTRAINT "FK_563a5e248518c623eebd987d43e"`);
    await queryRunner.query(`ALTER TABLE "invoice_lines" DROP CONSTRAINT "FK_2da95dc86a54a00ff20ce46d0fe"`);
    await queryRunner.query(`ALTER TABLE "invoice_events" DROP CONSTRAINT "FK_80889698a7725b90dce4565a356"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "FK_65e3145f317bd655481d3f96c74"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tax_rates_org_name"`);
    await queryRunner.query(`DROP TABLE "tax_rates"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payments_invoice_paid"`);
    await queryRunner.query(`DROP TABLE "payments"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invoice_number_sequences_org_year"`);
    await queryRunner.query(`DROP TABLE "invoice_number_sequences"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoice_lines_invoice"`);
    await queryRunner.query(`DROP TABLE "invoice_lines"`);
    await queryRunner.query(`DROP INDEX "public"."uq_idempotency_keys_org_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_idempotency_keys_expires"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoice_events_invoice_created"`);
    await queryRunner.query(`DROP TABLE "invoice_events"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invoices_org_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_org_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_org_status_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_org_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_org_issue_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_org_due_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_org_total"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_status_due"`);
    await queryRunner.query(`DROP TABLE "invoices"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customers_org_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customers_org_created"`);
    await queryRunner.query(`DROP TABLE "customers"`);
  }
}
