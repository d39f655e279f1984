import { MigrationInterface, QueryRunner } from 'typeorm';

export class IpTracking1795698119836 implements MigrationInterface {
  name = 'IpTracking1795698119836';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`request_logs\` (\`id\` int NOT NULL AUTO_INCREMENT, \`occurred_at\` datetime NOT NULL, \`ip\` varchar(45) NOT NULL, \`method\` varchar(10) NOT NULL, \`path\` varchar(512) NOT NULL, \`route\` varchar(255) NULL, \`status\` int NOT NULL, \`latency_ms\` int NOT NULL, \`user_agent\` varchar(512) NULL, \`user_id\` varchar(36) NULL, \`organization_id\` varchar(36) NULL, \`country\` varchar(2) NULL, \`city\` varchar(128) NULL, \`blocked\` tinyint NOT NULL DEFAULT 0, \`throttled\` tinyint NOT NULL DEFAULT 0, \`auth_failure\` varchar(32) NULL, INDEX \`ix_request_logs_path_time\` (\`path\`, \`occurred_at\`), INDEX \`ix_request_logs_country_time\` (\`country\`, \`occurred_at\`), INDEX \`ix_request_logs_status_time\` (\`status\`, \`occurred_at\`), INDEX \`ix_request_logs_ip_time\` (\`ip\`, \`occurred_at\`), INDEX \`ix_request_logs_time_ip\` (\`occurred_at\`, \`ip\`), INDEX \`ix_request_logs_time\` (\`occurred_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`ip_rules\` (\`id\` varchar(36) NOT NULL, \`kind\` varchar(8) NOT NULL, \`target_type\` varchar(8) NOT NULL, \`target\` varchar(64) NOT NULL, \`reason\` varchar(500) NOT NULL, \`source\` varchar(8) NOT NULL, \`created_by\` varchar(100) NULL, \`expires_at\` datetime NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_ip_rules_expires_at\` (\`expires_at\`), INDEX \`ix_ip_rules_target\` (\`target\`), INDEX \`ix_ip_rules_kind_source\` (\`kind\`, \`source\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_ip_rules_kind_source\` ON \`ip_rules\``);
    await queryRunner.query(`DROP INDEX \`ix_ip_rules_target\` ON \`ip_rules\``);
    await queryRunner.query(`DROP INDEX \`ix_ip_rules_expires_at\` ON \`ip_rules\``);
    await queryRunner.query(`DROP TABLE \`ip_rules\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_time\` ON \`request_logs\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_time_ip\` ON \`request_logs\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_ip_time\` ON \`request_logs\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_status_time\` ON \`request_logs\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_country_time\` ON \`request_logs\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_path_time\` ON \`request_logs\``);
    await queryRunner.query(`DROP TABLE \`request_logs\``);
  }
}
