import { MigrationInterface, QueryRunner } from 'typeorm';

export class Auth1795696507909 implements MigrationInterface {
  name = 'Auth1795696507909';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(200) NOT NULL, "password_hash" varchar(255) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('active'), "platform_role" varchar(16), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email") `);
    await queryRunner.query(`CREATE TABLE "organizations" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "time_zone" varchar(64) NOT NULL DEFAULT ('UTC'), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`CREATE TABLE "memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "organization_id" varchar(36) NOT NULL, "role" varchar(16) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_memberships_user" ON "memberships" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_memberships_org_role" ON "memberships" ("organization_id", "role") `);
    await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "token_hash" varchar(64) NOT NULL, "family_id" varchar(36) NOT NULL, "user_id" varchar(36) NOT NULL, "expires_at" datetime NOT NULL, "revoked_at" datetime, "replaced_by_id" varchar(36), "created_by_ip" varchar(45), "user_agent" varchar(500), "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family_id") `);
    await queryRunner.query(`DROP INDEX "uq_memberships_user"`);
    await queryRunner.query(`DROP INDEX "ix_memberships_org_role"`);
    await queryRunner.query(`CREATE TABLE "temporary_memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "organization_id" varchar(36) NOT NULL, "role" varchar(16) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_e5380c394ec7912046d07b54290" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_memberships"("id", "user_id", "organization_id", "role", "created_at", "updated_at") SELECT "id", "user_id", "organization_id", "role", "created_at", "updated_at" FROM "memberships"`);
    await queryRunner.query(`DROP TABLE "memberships"`);
    await queryRunner.query(`ALTER TABLE "temporary_memberships" RENAME TO "memberships"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_memberships_user" ON "memberships" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_memberships_org_role" ON "memberships" ("organization_id", "role") `);
    await queryRunner.query(`DROP INDEX "uq_refresh_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "ix_refresh_tokens_user"`);
    await queryRunner.query(`DROP INDEX "ix_refresh_tokens_family"`);
    await queryRunner.query(`CREATE TABLE "temporary_refresh_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "token_hash" varchar(64) NOT NULL, "family_id" varchar(36) NOT NULL, "user_id" varchar(36) NOT NULL, "expires_at" datetime NOT NULL, "revoked_at" datetime, "replaced_by_id" varchar(36), "created_by_ip" varchar(45), "user_agent" varchar(500), "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_refresh_tokens"("id", "token_hash", "family_id", "user_id", "expires_at", "revoked_at", "replaced_by_id", "created_by_ip", "user_agent", "created_at") SELECT "id", "token_hash", "family_id", "user_id", "expires_at", "revoked_at", "replaced_by_id", "created_by_ip", "user_agent", "created_at" FROM "refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`ALTER TABLE "temporary_refresh_tokens" RENAME TO "refresh_tokens"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_refresh_tokens_family"`);
    await queryRunner.query(`DROP INDEX "ix_refresh_tokens_user"`);
    await queryRunner.query(`DROP INDEX "uq_refresh_tokens_hash"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" RENAME TO "temporary_refresh_tokens"`);
    await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "token_hash" varchar(64) NOT NULL, "family_id" varchar(36) NOT NULL, "user_id" varchar(36) NOT NULL, "expires_at" datetime NOT NULL, "revoked_at" datetime, "replaced_by_id" varchar(36), "created_by_ip" varchar(45), "user_agent" varchar(500), "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`INSERT INTO "refresh_tokens"("id", "token_hash", "family_id", "user_id", "expires_at", "revoked_at", "replaced_by_id", "created_by_ip", "user_agent", "created_at") SELECT "id", "token_hash", "family_id", "user_id", "expires_at", "revoked_at", "replaced_by_id", "created_by_ip", "user_agent", "created_at" FROM "temporary_refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "temporary_refresh_tokens"`);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family_id") `);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens" ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens" ("token_hash") `);
    await queryRunner.query(`DROP INDEX "ix_memberships_org_role"`);
    await queryRunner.query(`DROP INDEX "uq_memberships_user"`);
    await queryRunner.query(`ALTER TABLE "memberships" RENAME TO "temporary_memberships"`);
    await queryRunner.query(`CREATE TABLE "memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "organization_id" varchar(36) NOT NULL, "role" varchar(16) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await queryRunner.query(`INSERT INTO "memberships"("id", "user_id", "organization_id", "role", "created_at", "updated_at") SELECT "id", "user_id", "organization_id", "role", "created_at", "updated_at" FROM "temporary_memberships"`);
    await queryRunner.query(`DROP TABLE "temporary_memberships"`);
    await queryRunner.query(`CREATE INDEX "ix_memberships_org_role" ON "memberships" ("organization_id", "role") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_memberships_user" ON "memberships" ("user_id") `);
    await queryRunner.query(`DROP INDEX "ix_refresh_tokens_family"`);
    await queryRunner.query(`DROP INDEX "ix_refresh_tokens_user"`);
    await queryRunner.query(`DROP INDEX "uq_refresh_tokens_hash"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "ix_memberships_org_role"`);
    await queryRunner.query(`DROP INDEX "uq_memberships_user"`);
    await queryRunner.query(`DROP TABLE "memberships"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP INDEX "uq_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
