import { UuidColumn, UuidPrimaryColumn, VarcharColumn } from '@nexus/core';
import { randomUUID } from 'node:crypto';
import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { OrganizationEntity } from './organization.entity';

export const ORG_ROLES = ['owner', 'admin', 'accountant', 'viewer'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** A user's place in their one organization. */
@Entity('memberships')
@Index('ix_memberships_org_role', ['organizationId', 'role'])
export class MembershipEntity {
  @UuidPrimaryColumn()
  id: string = randomUUID();

  /** Unique: one organization per user. */
  @Index('uq_memberships_user', { unique: true })
  @UuidColumn({ name: 'user_id' })
  userId!: string;

  @UuidColumn({ name: 'organization_id' })
  organizationId!: string;

  @VarcharColumn(16)
  role!: OrgRole;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
