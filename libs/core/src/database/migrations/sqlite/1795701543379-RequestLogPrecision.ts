import { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestLogPrecision1795701543379 implements MigrationInterface {
  name = 'RequestLogPrecision1795701543379';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_request_logs_time_ip"`);
    await queryRunner.query(`DROP INDEX "ix_request_logs_ip_time"`);
    await queryRunner.query(`DROP INDEX "ix_request_logs_status_time"`);
    await queryRunner.query(`DROP INDEX "ix_request_logs_country_time"`);
    await queryRunner.query(`DROP INDEX "ix_request_logs_path_time"`);
    await queryRunner.query(`DROP INDEX "ix_request_logs_time"`);
    await queryRunner.query(`CREATE TABLE "temporary_request_logs" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "occurred_at" datetime(3) NOT NULL, "ip" varchar(45) NOT NULL, "method" varchar(10) NOT NULL, "path" varchar(512) NOT NULL, "route" varchar(255), "status" integer NOT NULL, "latency_ms" integer NOT NULL, "user_agent" varchar(512), "user_id" varchar(36), "organization_id" varchar(36), "country" varchar(2), "city" varchar(128), "blocked" boolean NOT NULL DEFAULT (0), "throttled" boolean NOT NULL DEFAULT (0), "auth_failure" varchar(32))`);
    await queryRunner.query(`INSERT INTO "temporary_request_logs"("id", "occurred_at", "ip", "method", "path", "route", "status", "latency_ms", "user_agent", "user_id", "organization_id", "country", "city", "blocked", "throttled", "auth_failure") SELECT "id", "occurred_at", "ip", "method", "path", "route", "status", "latency_ms", "user_agent", "user_id", "organization_id", "country", "city", "blocked", "throttled", "auth_failure" FROM "request_logs"`);
    await queryRunner.query(`DROP TABLE "request_logs"`);
    await queryRunner.query(`ALTER TABLE "temporary_request_logs" RENAME TO "request_logs"`);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_time" ON "request_logs" ("occurred_at") `);
    await queryRunner.query(`DROP INDEX "ix_ip_rules_kind_source"`);
    await queryRunner.query(`DROP INDEX "ix_ip_rules_target"`);
    await queryRunner.query(`DROP INDEX "ix_ip_rules_expires_at"`);
    await queryRunner.query(`CREATE TABLE "temporary_ip_rules" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(8) NOT NULL, "target_type" varchar(8) NOT NULL, "target" varchar(64) NOT NULL, "reason" varchar(500) NOT NULL, "source" varchar(8) NOT NULL, "created_by" varchar(100), "expires_at" datetime(3), "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`INSERT INTO "temporary_ip_rules"("id", "kind", "target_type", "target", "reason", "source", "created_by", "expires_at", "created_at") SELECT "id", "kind", "target_type", "target", "reason", "source", "created_by", "expires_at", "created_at" FROM "ip_rules"`);
    await queryRunner.query(`DROP TABLE "ip_rules"`);
    await queryRunner.query(`ALTER TABLE "temporary_ip_rules" RENAME TO "ip_rules"`);
    await queryRunner.query(`CREATE INDEX "ix_ip_rules_kind_source" ON "ip_rules" ("kind", "source") `);
    await queryRunner.query(`CREATE INDEX "ix_ip_rules_target" ON "ip_rules" ("target") `);
    await queryRunner.query(`CREATE INDEX "ix_ip_rules_expires_at" ON "ip_rules" ("expires_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_path_time" ON "request_logs" ("path", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_country_time" ON "request_logs" ("country", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_status_time" ON "request_logs" ("status", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_ip_time" ON "request_logs" ("ip", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_time_ip" ON "request_logs" ("occurred_at", "ip") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_request_logs_time_ip"`);
    await queryRunner.query(`DROP INDEX "ix_request_logs_ip_time"`);
    await queryRunner.query(`DROP INDEX "ix_request_logs_status_time"`);
    await queryRunner.query(`DROP INDEX "ix_request_logs_country_time"`);
    await queryRunner.query(`DROP INDEX "ix_request_logs_path_time"`);
    await queryRunner.query(`DROP INDEX "ix_ip_rules_expires_at"`);
    await queryRunner.query(`DROP INDEX "ix_ip_rules_target"`);
    await queryRunner.query(`DROP INDEX "ix_ip_rules_kind_source"`);
    await queryRunner.query(`ALTER TABLE "ip_rules" RENAME TO "temporary_ip_rules"`);
    await queryRunner.query(`CREATE TABLE "ip_rules" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(8) NOT NULL, "target_type" varchar(8) NOT NULL, "target" varchar(64) NOT NULL, "reason" varchar(500) NOT NULL, "source" varchar(8) NOT NULL, "created_by" varchar(100), "expires_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`INSERT INTO "ip_rules"("id", "kind", "target_type", "target", "reason", "source", "created_by", "expires_at", "created_at") SELECT "id", "kind", "target_type", "target", "reason", "source", "created_by", "expires_at", "created_at" FROM "temporary_ip_rules"`);
    await queryRunner.query(`DROP TABLE "temporary_ip_rules"`);
    await queryRunner.query(`CREATE INDEX "ix_ip_rules_expires_at" ON "ip_rules" ("expires_at") `);
    await queryRunner.query(`CREATE INDEX "ix_ip_rules_target" ON "ip_rules" ("target") `);
    await queryRunner.query(`CREATE INDEX "ix_ip_rules_kind_source" ON "ip_rules" ("kind", "source") `);
    await queryRunner.query(`DROP INDEX "ix_request_logs_time"`);
    await queryRunner.query(`ALTER TABLE "request_logs" RENAME TO "temporary_request_logs"`);
    await queryRunner.query(`CREATE TABLE "request_logs" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "occurred_at" datetime NOT NULL, "ip" varchar(45) NOT NULL, "method" varchar(10) NOT NULL, "path" varchar(512) NOT NULL, "route" varchar(255), "status" integer NOT NULL, "latency_ms" integer NOT NULL, "user_agent" varchar(512), "user_id" varchar(36), "organization_id" varchar(36), "country" varchar(2), "city" varchar(128), "blocked" boolean NOT NULL DEFAULT (0), "throttled" boolean NOT NULL DEFAULT (0), "auth_failure" varchar(32))`);
    await queryRunner.query(`INSERT INTO "request_logs"("id", "occurred_at", "ip", "method", "path", "route", "status", "latency_ms", "user_agent", "user_id", "organization_id", "country", "city", "blocked", "throttled", "auth_failure") SELECT "id", "occurred_at", "ip", "method", "path", "route", "status", "latency_ms", "user_agent", "user_id", "organization_id", "country", "city", "blocked", "throttled", "auth_failure" FROM "temporary_request_logs"`);
    await queryRunner.query(`DROP TABLE "temporary_request_logs"`);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_time" ON "request_logs" ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_path_time" ON "request_logs" ("path", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_country_time" ON "request_logs" ("country", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_status_time" ON "request_logs" ("status", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_ip_time" ON "request_logs" ("ip", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_time_ip" ON "request_logs" ("occurred_at", "ip") `);
  }
}
