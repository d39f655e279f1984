import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * idempotency_keys.lease_until: until when the request holding a key is known
 * to be alive. Written by hand: SQLite adds a nullable column in place, where
 * the generated migration would copy the table.
 */
export class IdempotencyKeyLease1795740136666 implements MigrationInterface {
  name = 'IdempotencyKeyLease1795740136666';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD COLUMN "lease_until" datetime(3)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "lease_until"`);
  }
}
