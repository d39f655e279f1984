import { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestLogCoveringIndexes1795706675885 implements MigrationInterface {
  name = 'RequestLogCoveringIndexes1795706675885';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_ip_time"`);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_ip_time" ON "request_logs"  ("ip", "occurred_at", "status", "blocked", "path") `);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_time_covering" ON "request_logs"  ("occurred_at", "ip", "status", "blocked", "auth_failure", "path") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_time_covering"`);
    await queryRunner.query(`DROP INDEX "public"."ix_request_logs_ip_time"`);
    await queryRunner.query(`CREATE INDEX "ix_request_logs_ip_time" ON "request_logs" USING btree ("ip", "occurred_at") `);
  }
}
