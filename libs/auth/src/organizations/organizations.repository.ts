import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { UserEntity } from '../accounts/user.entity';
import { MembershipEntity, OrgRole } from './membership.entity';
import { OrganizationEntity } from './organization.entity';

export interface MemberRow {
  user: UserEntity;
  membership: MembershipEntity;
}

/** Organizations and memberships; every membership query carries the organization it is scoped to. */
@Injectable()
export class OrganizationsRepository {
  constructor(
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
  ) {}

  findById(id: string): Promise<OrganizationEntity | null> {
    return this.organizations.findOne({ where: { id } });
  }

  saveOrganization(org: OrganizationEntity, manager?: EntityManager): Promise<OrganizationEntity> {
    return (manager ?? this.organizations.manager).save(OrganizationEntity, org);
  }

  saveMembership(membership: MembershipEntity, manager?: EntityManager): Promise<MembershipEntity> {
    return (manager ?? this.memberships.manager).save(MembershipEntity, membership);
  }

  /** Served by uq_memberships_user. */
  findMembershipOfUser(userId: string): Promise<MembershipEntity | null> {
    return this.memberships.findOne({ where: { userId } });
  }

  /** The member `userId` of `organizationId`, or null (also when they belong to another organization). */
  findMemberInOrganization(organizationId: string, userId: string, manager?: EntityManager): Promise<MembershipEntity | null> {
    return (manager ?? this.memberships.manager).findOne(MembershipEntity, { where: { organizationId, userId } });
  }

  /** One page of members, by name. Served by ix_memberships_org_role (organization_id prefix). */
  async listMembers(organizationId: string, page: number, limit: number): Promise<[MemberRow[], number]> {
    const [rows, total] = await this.memberships.findAndCount({
      where: { organizationId },
      relations: { user: true },
      order: { user: { name: 'ASC' }, createdAt: 'ASC' },
      skip: (page - 1) * limit,
      take: limit,
    });
    return [rows.map((membership) => ({ membership, user: membership.user as UserEntity })), total];
  }

  /** Counted under the caller's lock on the organization row. Served by ix_memberships_org_role. */
  countWithRole(organizationId: string, role: OrgRole, manager: EntityManager): Promise<number> {
    return manager.count(MembershipEntity, { where: { organizationId, role } });
  }

  /**
   * Serialises member changes within one organization (a row lock on MySQL and
   * PostgreSQL; SQLite already runs one writer at a time).
   */
  async lockOrganization(organizationId: string, manager: EntityManager): Promise<void> {
    const type = manager.connection.options.type;
    const query = manager.createQueryBuilder(OrganizationEntity, 'o').where('o.id = :organizationId', { organizationId });
    if (type !== 'better-sqlite3') query.setLock('pessimistic_write');
    await query.getOne();
  }
}
