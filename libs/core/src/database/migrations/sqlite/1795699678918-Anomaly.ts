import { MigrationInterface, QueryRunner } from 'typeorm';

export class Anomaly1795699678918 implements MigrationInterface {
  name = 'Anomaly1795699678918';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "anomaly_alert_marks" ("ip" varchar(45) NOT NULL, "rule" varchar(16) NOT NULL, "alerted_at" datetime NOT NULL, PRIMARY KEY ("ip", "rule"))`);
    await queryRunner.query(`CREATE INDEX "ix_anomaly_alert_marks_alerted_at" ON "anomaly_alert_marks" ("alerted_at") `);
    await queryRunner.query(`CREATE TABLE "suspicious_ips" ("id" varchar(36) PRIMARY KEY NOT NULL, "ip" varchar(45) NOT NULL, "window_start" datetime NOT NULL, "window_end" datetime NOT NULL, "rule" varchar(16) NOT NULL, "reason" varchar(500) NOT NULL, "evidence" text NOT NULL, "severity" varchar(8) NOT NULL, "country" varchar(2), "status" varchar(10) NOT NULL DEFAULT ('open'), "decision" varchar(16) NOT NULL, "ban_seconds" integer, "ip_rule_id" varchar(36), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`CREATE INDEX "ix_suspicious_ips_rule_window" ON "suspicious_ips" ("rule", "window_start") `);
    await queryRunner.query(`CREATE INDEX "ix_suspicious_ips_status_window" ON "suspicious_ips" ("status", "window_start") `);
    await queryRunner.query(`CREATE INDEX "ix_suspicious_ips_window" ON "suspicious_ips" ("window_start") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_suspicious_ips_ip_rule_window" ON "suspicious_ips" ("ip", "rule", "window_start", "window_end") `);
    await queryRunner.query(`CREATE TABLE "ip_baselines" ("ip" varchar(45) PRIMARY KEY NOT NULL, "mean" double precision NOT NULL, "deviation" double precision NOT NULL, "first_hour" integer NOT NULL, "last_hour" integer NOT NULL, "updated_at" datetime NOT NULL)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ip_baselines"`);
    await queryRunner.query(`DROP INDEX "ux_suspicious_ips_ip_rule_window"`);
    await queryRunner.query(`DROP INDEX "ix_suspicious_ips_window"`);
    await queryRunner.query(`DROP INDEX "ix_suspicious_ips_status_window"`);
    await queryRunner.query(`DROP INDEX "ix_suspicious_ips_rule_window"`);
    await queryRunner.query(`DROP TABLE "suspicious_ips"`);
    await queryRunner.query(`DROP INDEX "ix_anomaly_alert_marks_alerted_at"`);
    await queryRunner.query(`DROP TABLE "anomaly_alert_marks"`);
  }
}
