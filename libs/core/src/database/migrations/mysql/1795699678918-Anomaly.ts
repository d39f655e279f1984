import { MigrationInterface, QueryRunner } from 'typeorm';

export class Anomaly1795699678918 implements MigrationInterface {
  name = 'Anomaly1795699678918';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`anomaly_alert_marks\` (\`ip\` varchar(45) NOT NULL, \`rule\` varchar(16) NOT NULL, \`alerted_at\` datetime NOT NULL, INDEX \`ix_anomaly_alert_marks_alerted_at\` (\`alerted_at\`), PRIMARY KEY (\`ip\`, \`rule\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`suspicious_ips\` (\`id\` varchar(36) NOT NULL, \`ip\` varchar(45) NOT NULL, \`window_start\` datetime NOT NULL, \`window_end\` datetime NOT NULL, \`rule\` varchar(16) NOT NULL, \`reason\` varchar(500) NOT NULL, \`evidence\` text NOT NULL, \`severity\` varchar(8) NOT NULL, \`country\` varchar(2) NULL, \`status\` varchar(10) NOT NULL DEFAULT 'open', \`decision\` varchar(16) NOT NULL, \`ban_seconds\` int NULL, \`ip_rule_id\` varchar(36) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_suspicious_ips_rule_window\` (\`rule\`, \`window_start\`), INDEX \`ix_suspicious_ips_status_window\` (\`status\`, \`window_start\`), INDEX \`ix_suspicious_ips_window\` (\`window_start\`), UNIQUE INDEX \`ux_suspicious_ips_ip_rule_window\` (\`ip\`, \`rule\`, \`window_start\`, \`window_end\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`ip_baselines\` (\`ip\` varchar(45) NOT NULL, \`mean\` double NOT NULL, \`deviation\` double NOT NULL, \`first_hour\` int NOT NULL, \`last_hour\` int NOT NULL, \`updated_at\` datetime NOT NULL, PRIMARY KEY (\`ip\`)) ENGINE=InnoDB`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`ip_baselines\``);
    await queryRunner.query(`DROP INDEX \`ux_suspicious_ips_ip_rule_window\` ON \`suspicious_ips\``);
    await queryRunner.query(`DROP INDEX \`ix_suspicious_ips_window\` ON \`suspicious_ips\``);
    await queryRunner.query(`DROP INDEX \`ix_suspicious_ips_status_window\` ON \`suspicious_ips\``);
    await queryRunner.query(`DROP INDEX \`ix_suspicious_ips_rule_window\` ON \`suspicious_ips\``);
    await queryRunner.query(`DROP TABLE \`suspicious_ips\``);
    await queryRunner.query(`DROP INDEX \`ix_anomaly_alert_marks_alerted_at\` ON \`anomaly_alert_marks\``);
    await queryRunner.query(`DROP TABLE \`anomaly_alert_marks\``);
  }
}
