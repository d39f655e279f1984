import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeyLease1795740136666 implements MigrationInterface {
  name = 'IdempotencyKeyLease1795740136666';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "lease_until" TIMESTAMP(3)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "lease_until"`);
  }
}
