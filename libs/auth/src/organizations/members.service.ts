import { ProfileCache } from '../accounts/profile-cache';
import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError, PageQueryDto, Paginated, TransactionRunner, paginated } from '@nexus/core';
import { AccountsService } from '../accounts/accounts.service';
import { UsersRepository } from '../accounts/users.repository';
import { RefreshTokenService } from '../tokens/refresh-token.service';
import { OrgRole } from './membership.entity';
import { OrganizationSettings } from './organization-settings.service';
import { AddMemberDto, MemberDto, OrganizationDto, UpdateMemberDto, UpdateOrganizationDto } from './organization.dto';
import { toOrganizationDto } from './organization.mapper';
import { MemberRow, OrganizationsRepository } from './organizations.repository';

export interface Actor {
  userId: string;
  organizationId: string;
  role: OrgRole;
}

function toMemberDto({ user, membership }: MemberRow): MemberDto {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: membership.role,
    status: user.status,
    joinedAt: membership.createdAt,
  };
}

/**
 * The caller's organization and its members. Every method takes the actor, so
 * nothing here can reach another organization's rows.
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly users: UsersRepository,
    private readonly accounts: AccountsService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly transactions: TransactionRunner,
    private readonly profiles: ProfileCache,
    private readonly settings: OrganizationSettings,
  ) {}

  async current(actor: Actor): Promise<OrganizationDto> {
    const org = await this.organizations.findById(actor.organizationId);
    if (!org) throw new NotFoundError('Organization', actor.organizationId);
    return toOrganizationDto(org);
  }

  async update(actor: Actor, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    const org = await this.organizations.findById(actor.organizationId);
    if (!org) throw new NotFoundError('Organization', actor.organizationId);
    Object.assign(org, dto);
    const saved = await this.organizations.saveOrganization(org);
    await Promise.all([this.profiles.forgetOrganization(org.id), this.settings.changed(org.id)]);
    return toOrganizationDto(saved);
  }

  async list(actor: Actor, query: PageQueryDto): Promise<Paginated<MemberDto>> {
    const [rows, total] = await this.organizations.listMembers(actor.organizationId, query.page, query.limit);
    return paginated(rows.map(toMemberDto), total, query);
  }

  async add(actor: Actor, dto: AddMemberDto): Promise<MemberDto> {
    this.assertMayGrant(actor, dto.role);
    const account = await this.accounts.createUser(
      { email: dto.email, name: dto.name, password: dto.password },
      { organizationId: actor.organizationId, role: dto.role },
    );
    return toMemberDto({ user: account.user, membership: account.membership! });
  }

  async changeRole(actor: Actor, userId: string, dto: UpdateMemberDto): Promise<MemberDto> {
    const { membership, changed } = await this.transactions.run(async (manager) => {
      await this.organizations.lockOrganization(actor.organizationId, manager);
      const current = await this.organizations.findMemberInOrganization(actor.organizationId, userId, manager);
      if (!current) throw new NotFoundError('Member', userId);
      this.assertMayGrant(actor, current.role);
      this.assertMayGrant(actor, dto.role);
      if (current.role === dto.role) return { membership: current, changed: false };
      if (current.role === 'owner' && (await this.organizations.countWithRole(actor.organizationId, 'owner', manager)) <= 1) {
        throw new ConflictError('The last owner cannot be demoted; make someone else owner first', 'last_owner');
      }
      current.role = dto.role;
      return { membership: await this.organizations.saveMembership(current, manager), changed: true };
    });
    // Their access token carries the old role for at most its lifetime; no refresh will carry it again.
    if (changed) await Promise.all([this.refreshTokens.revokeAllForUser(userId), this.profiles.forgetUser(userId)]);
    const user = await this.users.findById(userId);
    return toMemberDto({ user: user!, membership });
  }

  async remove(actor: Actor, userId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.organizations.lockOrganization(actor.organizationId, manager);
      const membership = await this.organizations.findMemberInOrganization(actor.organizationId, userId, manager);
      if (!membership) throw new NotFoundError('Member', userId);
      this.assertMayGrant(actor, membership.role);
      if (membership.role === 'owner' && (await this.organizations.countWithRole(actor.organizationId, 'owner', manager)) <= 1) {
        throw new ConflictError('The last owner cannot be removed', 'last_owner');
      }
      // One organization per user: leaving it removes the account (and, by cascade, its sessions).
      await this.users.delete(userId, manager);
    });
    await this.profiles.forgetUser(userId);
  }

  /** Admins manage everyone but owners; only an owner can make or unmake an owner. */
  private assertMayGrant(actor: Actor, role: OrgRole): void {
    if (role === 'owner' && actor.role !== 'owner')
      throw new ForbiddenError('Only an owner can grant, change or remove the owner role', 'owner_required');
  }
}
