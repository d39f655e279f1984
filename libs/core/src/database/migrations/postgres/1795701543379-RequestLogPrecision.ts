import { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestLogPrecision1795701543379 implements MigrationInterface {
  name = 'RequestLogPrecision1795701543379';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_path_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_country_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_status_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_ip_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_time_ip"`);
    await queryRunner.query(`ALTER TABLE "request_logs" ALTER COLUMN "occurred_at" TYPE TIMESTAMP(3)`);
    await queryRunner.query(`ALTER TABLE "ip_rules" ALTER COLUMN "expires_at" TYPE TIMESTAMP(3)`);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_path_time" ON "request_logs"  ("path", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_country_time" ON "request_logs"  ("country", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_status_time" ON "request_logs"  ("status", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_ip_time" ON "request_logs"  ("ip", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_time_ip" ON "request_logs"  ("occurred_at", "ip") `);
  }

  // down() corrected by hand: TypeORM read PostgreSQL's index columns in the wrong order and recreated them led by occurred_at.
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_time_ip"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_ip_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_status_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_country_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_path_time"`);
    await queryRunner.query(`ALTER TABLE "ip_rules" ALTER COLUMN "expires_at" TYPE TIMESTAMP(6)`);
    await queryRunner.query(`ALTER TABLE "request_logs" ALTER COLUMN "occurred_at" TYPE TIMESTAMP(6)`);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_time_ip" ON "request_logs" USING btree ("occurred_at", "ip") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_ip_time" ON "request_logs" USING btree ("ip", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_status_time" ON "request_logs" USING btree ("status", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_country_time" ON "request_logs" USING btree ("country", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_path_time" ON "request_logs" USING btree ("path", "occurred_at") `);
  }
}
