import { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestLogPrecision1795701543379 implements MigrationInterface {
  name = 'RequestLogPrecision1795701543379';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_request_logs_path_time\` ON \`request_logs\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_country_time\` ON \`request_logs\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_status_time\` ON \`request_logs\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_ip_time\` ON \`request_logs\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_time_ip\` ON \`request_logs\``);
    await queryRunner.query(`ALTER TABLE \`request_logs\` CHANGE \`occurred_at\` \`occurred_at\` datetime(3) NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`ip_rules\` CHANGE \`expires_at\` \`expires_at\` datetime(3) NULL`);
    await queryRunner.query(`CREATE INDEX \`ix_request_logs_path_time\` ON \`request_logs\` (\`path\`, \`occurred_at\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_request_logs_country_time\` ON \`request_logs\` (\`country\`, \`occurred_at\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_request_logs_status_time\` ON \`request_logs\` (\`status\`, \`occurred_at\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_request_logs_ip_time\` ON \`request_logs\` (\`ip\`, \`occurred_at\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_request_logs_time_ip\` ON \`request_logs\` (\`occurred_at\`, \`ip\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_request_logs_time_ip\` ON \`request_logs\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_ip_time\` ON \`request_logs\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_status_time\` ON \`request_logs\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_country_time\` ON \`request_logs\``);
    await queryRunner.query(`DROP INDEX \`ix_request_logs_path_time\` ON \`request_logs\``);
    await queryRunner.query(`ALTER TABLE \`ip_rules\` CHANGE \`expires_at\` \`expires_at\` datetime(0) NULL`);
    await queryRunner.query(`ALTER TABLE \`request_logs\` CHANGE \`occurred_at\` \`occurred_at\` datetime(0) NOT NULL`);
    await queryRunner.query(`CREATE INDEX \`ix_request_logs_time_ip\` ON \`request_logs\` (\`occurred_at\`, \`ip\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_request_logs_ip_time\` ON \`request_logs\` (\`ip\`, \`occurred_at\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_request_logs_status_time\` ON \`request_logs\` (\`status\`, \`occurred_at\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_request_logs_country_time\` ON \`request_logs\` (\`country\`, \`occurred_at\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_request_logs_path_time\` ON \`request_logs\` (\`path\`, \`occurred_at\`)`);
  }
}
