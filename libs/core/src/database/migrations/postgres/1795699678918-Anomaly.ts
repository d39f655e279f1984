import { MigrationInterface, QueryRunner } from 'typeorm';

export class Anomaly1795699678918 implements MigrationInterface {
  name = 'Anomaly1795699678918';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "anomaly_alert_marks" ("ip" character varying(45) NOT NULL, "rule" character varying(16) NOT NULL, "alerted_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_00694582c97489fc761691eac55" PRIMARY KEY ("ip", "rule"))`);
    await queryRunner.query(`CREATE INDEX "ix_anomaly_alert_marks_alerted_at" ON "anomaly_alert_marks"  ("alerted_at") `);
    await queryRunner.query(`CREATE TABLE "suspicious_ips" ("id" character varying(36) NOT NULL, "ip" character varying(45) NOT NULL, "window_start" TIMESTAMP NOT NULL, "window_end" TIMESTAMP NOT NULL, "rule" character varying(16) NOT NULL, "reason" character varying(500) NOT NULL, "evidence" text NOT NULL, "severity" character varying(8) NOT NULL, "country" character varying(2), "status" character varying(10) NOT NULL DEFAULT 'open', "decision" character varying(16) NOT NULL, "ban_seconds" integer, "ip_rule_id" character varying(36), "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_3cea783f5facad055024f4a95fc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_suspicious_ips_rule_window" ON "suspicious_ips"  ("rule", "window_start") `);
    await queryRunner.query(`CREATE INDEX "ix_suspicious_ips_status_window" ON "suspicious_ips"  ("status", "window_start") `);
    await queryRunner.query(`CREATE INDEX "ix_suspicious_ips_window" ON "suspicious_ips"  ("window_start") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_suspicious_ips_ip_rule_window" ON "suspicious_ips"  ("ip", "rule", "window_start", "window_end") `);
    await queryRunner.query(`CREATE TABLE "ip_baselines" ("ip" character varying(45) NOT NULL, "mean" double precision NOT NULL, "deviation" double precision NOT NULL, "first_hour" integer NOT NULL, "last_hour" integer NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_85a3498102c308b5be32b3371ee" PRIMARY KEY ("ip"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ip_baselines"`);
    await queryRunner.query(`DROP INDEX "public"."ux_suspicious_ips_ip_rule_window"`);
    await queryRunner.query(`DROP INDEX "public"."ix_suspicious_ips_window"`);
    await queryRunner.query(`DROP INDEX "public"."ix_suspicious_ips_status_window"`);
    await queryRunner.query(`DROP INDEX "public"."ix_suspicious_ips_rule_window"`);
    await queryRunner.query(`DROP TABLE "suspicious_ips"`);
    await queryRunner.query(`DROP INDEX "public"."ix_anomaly_alert_marks_alerted_at"`);
    await queryRunner.query(`DROP TABLE "anomaly_alert_marks"`);
  }
}
