import { MigrationInterface, QueryRunner } from 'typeorm';

export class Invoices1795698066921 implements MigrationInterface {
  name = 'Invoices1795698066921';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`customers\` (\`id\` varchar(36) NOT NULL, \`organization_id\` varchar(36) NOT NULL, \`name\` varchar(200) NOT NULL, \`email\` varchar(254) NULL, \`address\` text NULL, \`tax_id\` varchar(64) NULL, \`currency\` varchar(3) NULL, \`deleted_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_customers_org_created\` (\`organization_id\`, \`created_at\`), INDEX \`ix_customers_org_name\` (\`organization_id\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`invoices\` (\`id\` varchar(36) NOT NULL, \`organization_id\` varchar(36) NOT NULL, \`customer_id\` varchar(36) NOT NULL, \`status\` varchar(16) NOT NULL, \`number\` varchar(32) NULL, \`currency\` varchar(3) NOT NULL, \`issue_date\` varchar(10) NULL, \`due_date\` varchar(10) NULL, \`net_days\` int NULL, \`memo\` varchar(2000) NULL, \`subtotal\` bigint NOT NULL, \`discount_total\` bigint NOT NULL, \`tax_total\` bigint NOT NULL, \`tax_breakdown\` text NOT NULL, \`total\` bigint NOT NULL, \`amount_paid\` bigint NOT NULL, \`amount_due\` bigint NOT NULL, \`customer_snapshot\` text NULL, \`version\` int NOT NULL, \`finalized_at\` datetime(3) NULL, \`paid_at\` datetime(3) NULL, \`voided_at\` datetime(3) NULL, \`marked_uncollectible_at\` datetime(3) NULL, \`overdue_recorded_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_invoices_status_due\` (\`status\`, \`due_date\`), INDEX \`ix_invoices_org_total\` (\`organization_id\`, \`total\`), INDEX \`ix_invoices_org_due_date\` (\`organization_id\`, \`due_date\`), INDEX \`ix_invoices_org_issue_date\` (\`organization_id\`, \`issue_date\`), INDEX \`ix_invoices_org_customer\` (\`organization_id\`, \`customer_id\`), INDEX \`ix_invoices_org_status_due\` (\`organization_id\`, \`status\`, \`due_date\`), INDEX \`ix_invoices_org_created\` (\`organization_id\`, \`created_at\`), UNIQUE INDEX \`uq_invoices_org_number\` (\`organization_id\`, \`number\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`invoice_events\` (\`id\` varchar(36) NOT NULL, \`organization_id\` varchar(36) NOT NULL, \`invoice_id\` varchar(36) NOT NULL, \`type\` varchar(32) NOT NULL, \`from_status\` varchar(16) NULL, \`to_status\` varchar(16) NULL, \`actor_id\` varchar(36) NULL, \`invoice_version\` int NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`ix_invoice_events_invoice_created\` (\`invoice_id\`, \`created_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`idempotency_keys\` (\`id\` varchar(36) NOT NULL, \`organization_id\` varchar(36) NOT NULL, \`idempotency_key\` varchar(255) NOT NULL, \`request_hash\` varchar(64) NOT NULL, \`state\` varchar(16) NOT NULL, \`response_status\` int NULL, \`response_body\` text NULL, \`created_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NOT NULL, INDEX \`ix_idempotency_keys_expires\` (\`expires_at\`), UNIQUE INDEX \`uq_idempotency_keys_org_key\` (\`organization_id\`, \`idempotency_key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`invoice_lines\` (\`id\` varchar(36) NOT NULL, \`organization_id\` varchar(36) NOT NULL, \`invoice_id\` varchar(36) NOT NULL, \`position\` int NOT NULL, \`description\` varchar(500) NOT NULL, \`quantity_e4\` bigint NOT NULL, \`unit_amount\` bigint NOT NULL, \`discount_type\` varchar(8) NULL, \`discount_value\` bigint NULL, \`amount\` bigint NOT NULL, \`discount_amount\` bigint NOT NULL, \`tax_amount\` bigint NOT NULL, \`taxes\` text NOT NULL, INDEX \`ix_invoice_lines_invoice\` (\`invoice_id\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`invoice_number_sequences\` (\`id\` varchar(36) NOT NULL, \`organization_id\` varchar(36) NOT NULL, \`year\` int NOT NULL, \`prefix\` varchar(16) NOT NULL, \`last_value\` int NOT NULL DEFAULT '0', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_invoice_number_sequences_org_year\` (\`organization_id\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`payments\` (\`id\` varchar(36) NOT NULL, \`organization_id\` varchar(36) NOT NULL, \`invoice_id\` varchar(36) NOT NULL, \`amount\` bigint NOT NULL, \`paid_at\` datetime(3) NOT NULL, \`method\` varchar(16) NOT NULL, \`reference\` varchar(200) NULL, \`recorded_by\` varchar(36) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_payments_invoice_paid\` (\`invoice_id\`, \`paid_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`tax_rates\` (\`id\` varchar(36) NOT NULL, \`organization_id\` varchar(36) NOT NULL, \`name\` varchar(100) NOT NULL, \`rate_ppm\` int NOT NULL, \`inclusive\` tinyint NOT NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`deleted_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_tax_rates_org_name\` (\`organization_id\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`invoices\` ADD CONSTRAINT \`FK_65e3145f317bd655481d3f96c74\` FOREIGN KEY (\`customer_id\`) REFERENCES \`customers\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`invoice_events\` ADD CONSTRAINT \`FK_80889698a7725b90dce4565a356\` FOREIGN KEY (\`invoice_id\`) REFERENCES \`invoices\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`invoice_lines\` ADD CONSTRAINT \`FK_2da95dc86a54a00ff20ce46d0fe\` FOREIGN KEY (\`invoice_id\`) REFERENCES \`invoices\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`payments\` ADD CONSTRAINT \`FK_563a5e248518c623eebd987d43e\` FOREIGN KEY (\`invoice_id\`) REFERENCES \`invoices\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`payments\` DROP FOREIGN KEY \`FK_563a5e248518c623eebd987d43e\``);
    await queryRunner.query(`ALTER TABLE \`invoice_lines\` DROP FOREIGN KEY \`FK_2da95dc86a54a00ff20ce46d0fe\``);
    await queryRunner.query(`ALTER TABLE \`invoice_events\` DROP FOREIGN KEY \`FK_80889698a7725b90dce4565a356\``);
    await queryRunner.query(`ALTER TABLE \`invoices\` DROP FOREIGN KEY \`FK_65e3145f317bd655481d3f96c74\``);
    await queryRunner.query(`DROP INDEX \`ix_tax_rates_org_name\` ON \`tax_rates\``);
    await queryRunner.query(`DROP TABLE \`tax_rates\``);
    await queryRunner.query(`DROP INDEX \`ix_payments_invoice_paid\` ON \`payments\``);
    await queryRunner.query(`DROP TABLE \`payments\``);
    await queryRunner.query(`DROP INDEX \`uq_invoice_number_sequences_org_year\` ON \`invoice_number_sequences\``);
    await queryRunner.query(`DROP TABLE \`invoice_number_sequences\``);
    await queryRunner.query(`DROP INDEX \`ix_invoice_lines_invoice\` ON \`invoice_lines\``);
    await queryRunner.query(`DROP TABLE \`invoice_lines\``);
    await queryRunner.query(`DROP INDEX \`uq_idempotency_keys_org_key\` ON \`idempotency_keys\``);
    await queryRunner.query(`DROP INDEX \`ix_idempotency_keys_expires\` ON \`idempotency_keys\``);
    await queryRunner.query(`DROP TABLE \`idempotency_keys\``);
    await queryRunner.query(`DROP INDEX \`ix_invoice_events_invoice_created\` ON \`invoice_events\``);
    await queryRunner.query(`DROP TABLE \`invoice_events\``);
    await queryRunner.query(`DROP INDEX \`uq_invoices_org_number\` ON \`invoices\``);
    await queryRunner.query(`DROP INDEX \`ix_invoices_org_created\` ON \`invoices\``);
    await queryRunner.query(`DROP INDEX \`ix_invoices_org_status_due\` ON \`invoices\``);
    await queryRunner.query(`DROP INDEX \`ix_invoices_org_customer\` ON \`invoices\``);
    await queryRunner.query(`DROP INDEX \`ix_invoices_org_issue_date\` ON \`invoices\``);
    await queryRunner.query(`DROP INDEX \`ix_invoices_org_due_date\` ON \`invoices\``);
    await queryRunner.query(`DROP INDEX \`ix_invoices_org_total\` ON \`invoices\``);
    await queryRunner.query(`DROP INDEX \`ix_invoices_status_due\` ON \`invoices\``);
    await queryRunner.query(`DROP TABLE \`invoices\``);
    await queryRunner.query(`DROP INDEX \`ix_customers_org_name\` ON \`customers\``);
    await queryRunner.query(`DROP INDEX \`ix_customers_org_created\` ON \`customers\``);
    await queryRunner.query(`DROP TABLE \`customers\``);
  }
}
