import { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestLogDropTimeIndex1795710931149 implements MigrationInterface {
  name = 'RequestLogDropTimeIndex1795710931149';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_request_logs_time"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_request_logs_time" ON "request_logs" ("occurred_at") `);
  }
}
