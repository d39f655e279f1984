import { MigrationInterface, QueryRunner } from 'typeorm';

export class Auth1795696507909 implements MigrationInterface {
  name = 'Auth1795696507909';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`users\` (\`id\` varchar(36) NOT NULL, \`email\` varchar(254) NOT NULL, \`name\` varchar(200) NOT NULL, \`password_hash\` varchar(255) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'active', \`platform_role\` varchar(16) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_users_email\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`organizations\` (\`id\` varchar(36) NOT NULL, \`name\` varchar(200) NOT NULL, \`time_zone\` varchar(64) NOT NULL DEFAULT 'UTC', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`memberships\` (\`id\` varchar(36) NOT NULL, \`user_id\` varchar(36) NOT NULL, \`organization_id\` varchar(36) NOT NULL, \`role\` varchar(16) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_memberships_user\` (\`user_id\`), INDEX \`ix_memberships_org_role\` (\`organization_id\`, \`role\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`refresh_tokens\` (\`id\` varchar(36) NOT NULL, \`token_hash\` varchar(64) NOT NULL, \`family_id\` varchar(36) NOT NULL, \`user_id\` varchar(36) NOT NULL, \`expires_at\` datetime NOT NULL, \`revoked_at\` datetime NULL, \`replaced_by_id\` varchar(36) NULL, \`created_by_ip\` varchar(45) NULL, \`user_agent\` varchar(500) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_refresh_tokens_hash\` (\`token_hash\`), INDEX \`ix_refresh_tokens_user\` (\`user_id\`), INDEX \`ix_refresh_tokens_family\` (\`family_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`memberships\` ADD CONSTRAINT \`FK_7c1e2fdfed4f6838e0c05ae5051\` FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`memberships\` ADD CONSTRAINT \`FK_e5380c394ec7912046d07b54290\` FOREIGN KEY (\`organization_id\`) REFERENCES \`organizations\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`refresh_tokens\` ADD CONSTRAINT \`FK_3ddc983c5f7bcf132fd8732c3f4\` FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`refresh_tokens\` DROP FOREIGN KEY \`FK_3ddc983c5f7bcf132fd8732c3f4\``);
    await queryRunner.query(`ALTER TABLE \`memberships\` DROP FOREIGN KEY \`FK_e5380c394ec7912046d07b54290\``);
    await queryRunner.query(`ALTER TABLE \`memberships\` DROP FOREIGN KEY \`FK_7c1e2fdfed4f6838e0c05ae5051\``);
    await queryRunner.query(`DROP INDEX \`ix_refresh_tokens_family\` ON \`refresh_tokens\``);
    await queryRunner.query(`DROP INDEX \`ix_refresh_tokens_user\` ON \`refresh_tokens\``);
    await queryRunner.query(`DROP INDEX \`uq_refresh_tokens_hash\` ON \`refresh_tokens\``);
    await queryRunner.query(`DROP TABLE \`refresh_tokens\``);
    await queryRunner.query(`DROP INDEX \`ix_memberships_org_role\` ON \`memberships\``);
    await queryRunner.query(`DROP INDEX \`uq_memberships_user\` ON \`memberships\``);
    await queryRunner.query(`DROP TABLE \`memberships\``);
    await queryRunner.query(`DROP TABLE \`organizations\``);
    await queryRunner.query(`DROP INDEX \`uq_users_email\` ON \`users\``);
    await queryRunner.query(`DROP TABLE \`users\``);
  }
}
