import { randomUUID } from 'node:crypto';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { OrganizationEntity } from './organization.entity';

export const ORG_ROLES = ['owner', 'admin', 'accountant', 'viewer'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** A user's place in their one organization. */
@Entity('memberships')
@Index('ix_memberships_org_role', ['organizationId', 'role'])
export class MembershipEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string = randomUUID();

  /** Unique: one organization per user. */
  @Index('uq_memberships_user', { unique: true })
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 16 })
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
