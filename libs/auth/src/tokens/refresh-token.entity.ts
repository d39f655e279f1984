import { DateTimeColumn, UuidColumn, UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';

/**
 * One refresh token of a rotation family. Only its SHA-256 is stored; a token
 * that was already rotated or revoked and is presented again revokes its family.
 */
@Entity('refresh_tokens')
@Index('ix_refresh_tokens_family', ['familyId'])
@Index('ix_refresh_tokens_user', ['userId'])
@Index('ix_refresh_tokens_expires', ['expiresAt'])
export class RefreshTokenEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  @Index('uq_refresh_tokens_hash', { unique: true })
  @VarcharColumn(64, { name: 'token_hash' })
  tokenHash!: string;

  @UuidColumn({ name: 'family_id' })
  familyId!: string;

  @UuidColumn({ name: 'user_id' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @DateTimeColumn({ name: 'expires_at' })
  expiresAt!: Date;

  @DateTimeColumn({ name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @UuidColumn({ name: 'replaced_by_id', nullable: true })
  replacedById!: string | null;

  @VarcharColumn(45, { name: 'created_by_ip', nullable: true })
  createdByIp!: string | null;

  @VarcharColumn(500, { name: 'user_agent', nullable: true })
  userAgent!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
