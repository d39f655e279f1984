import { UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';

export type UserStatus = 'active' | 'disabled';
export type PlatformRoleName = 'operator';

@Entity('users')
export class UserEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  /** Stored lower-cased, so uniqueness is case-insensitive on every database. */
  @Index('uq_users_email', { unique: true })
  @VarcharColumn(254)
  email!: string;

  @VarcharColumn(200)
  name!: string;

  @VarcharColumn(255, { name: 'password_hash' })
  passwordHash!: string;

  @VarcharColumn(16, { default: 'active' })
  status!: UserStatus;

  @VarcharColumn(16, { name: 'platform_role', nullable: true })
  platformRole!: PlatformRoleName | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
