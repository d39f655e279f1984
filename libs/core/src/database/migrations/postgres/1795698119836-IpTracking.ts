import { MigrationInterface, QueryRunner } from 'typeorm';

export class IpTracking1795698119836 implements MigrationInterface {
  name = 'IpTracking1795698119836';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "request_logs" ("id" SERIAL NOT NULL, "occurred_at" TIMESTAMP NOT NULL, "ip" character varying(45) NOT NULL, "method" character varying(10) NOT NULL, "path" character varying(512) NOT NULL, "route" character varying(255), "status" integer NOT NULL, "latency_ms" integer NOT NULL, "user_agent" character varying(512), "user_id" character varying(36), "organization_id" character varying(36), "country" character varying(2), "city" character varying(128), "blocked" boolean NOT NULL DEFAULT false, "throttled" boolean NOT NULL DEFAULT false, "auth_failure" character varying(32), CONSTRAINT "PK_1edd3815ae37a9b9511f5a26dca" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_path_time" ON "request_logs"  ("path", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_country_time" ON "request_logs"  ("country", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_status_time" ON "request_logs"  ("status", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_ip_time" ON "request_logs"  ("ip", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_time_ip" ON "request_logs"  ("occurred_at", "ip") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_time" ON "request_logs"  ("occurred_at") `);
    await queryRunner.query(`CREATE TABLE "ip_rules" ("id" character varying(36) NOT NULL, "kind" character varying(8) NOT NULL, "target_type" character varying(8) NOT NULL, "target" character varying(64) NOT NULL, "reason" character varying(500) NOT NULL, "source" character varying(8) NOT NULL, "created_by" character varying(100), "expires_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_165193c9674b4e49e97fbbf53f5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_ip_rules_expires_at" ON "ip_rules"  ("expires_at") `);
    await queryRunner.query(`CREATE INDEX "ix_ip_rules_target" ON "ip_rules"  ("target") `);
    await queryRunner.query(`CREATE INDEX "ix_ip_rules_kind_source" ON "ip_rules"  ("kind", "source") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_ip_rules_kind_source"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ip_rules_target"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ip_rules_expires_at"`);
    await queryRunner.query(`DROP TABLE "ip_rules"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_time_ip"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_ip_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_status_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_country_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_path_time"`);
    await queryRunner.query(`DROP TABLE "request_logs"`);
  }
}
