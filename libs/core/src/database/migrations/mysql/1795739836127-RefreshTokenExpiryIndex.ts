import { MigrationInterface, QueryRunner } from 'typeorm';

export class RefreshTokenExpiryIndex1795739836127 implements MigrationInterface {
  name = 'RefreshTokenExpiryIndex1795739836127';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX \`ix_refresh_tokens_expires\` ON \`refresh_tokens\` (\`expires_at\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_refresh_tokens_expires\` ON \`refresh_tokens\``);
  }
}
