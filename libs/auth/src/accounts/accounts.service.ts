import { ProfileCache } from './profile-cache';
import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, TransactionRunner, isUniqueViolation } from '@nexus/core';
import { EntityManager } from 'typeorm';
import { MembershipEntity, OrgRole } from '../organizations/membership.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { PasswordHasher } from '../passwords/password-hasher';
import { MeDto, RegisterDto, UserDto } from './account.dto';
import { PlatformRoleName, UserEntity } from './user.entity';
import { normalizeEmail, UsersRepository } from './users.repository';
import { toOrganizationDto } from '../organizations/organization.mapper';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  platformRole?: PlatformRoleName | null;
}

export interface Account {
  user: UserEntity;
  organization: OrganizationEntity | null;
  membership: MembershipEntity | null;
}

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    status: user.status,
    platformRole: user.platformRole,
    createdAt: user.createdAt,
  };
}

export function toMeDto(account: Account): MeDto {
  return {
    user: toUserDto(account.user),
    organization: account.organization ? toOrganizationDto(account.organization) : null,
    role: account.membership?.role ?? null,
  };
}

/** Users and their organization: sign-up, profile, and user creation for members and the CLI. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly hasher: PasswordHasher,
    private readonly transactions: TransactionRunner,
    private readonly profiles: ProfileCache,
  ) {}

  /** Creates the organization and its first owner in one transaction. */
  async register(dto: RegisterDto): Promise<Account> {
    await this.assertEmailFree(dto.email);
    const passwordHash = await this.hasher.hash(dto.password);
    return this.uniqueEmail(() =>
      this.transactions.run(async (manager) => {
        const organization = await this.organizations.saveOrganization(
          Object.assign(new OrganizationEntity(), { name: dto.organizationName }),
          manager,
        );
        const user = await this.users.save(this.buildUser(dto, passwordHash), manager);
        const membership = await this.organizations.saveMembership(this.buildMembership(user.id, organization.id, 'owner'), manager);
        return { user, organization, membership };
      }),
    );
  }

  /** A user with no organization (platform operators), or with one when `membership` is given. */
  async createUser(input: NewUser, membership?: { organizationId: string; role: OrgRole; manager?: EntityManager }): Promise<Account> {
    await this.assertEmailFree(input.email);
    const passwordHash = await this.hasher.hash(input.password);
    return this.uniqueEmail(async () => {
      const run = async (manager: EntityManager) => {
        const user = await this.users.save(this.buildUser(input, passwordHash), manager);
        const member = membership
          ? await this.organizations.saveMembership(this.buildMembership(user.id, membership.organizationId, membership.role), manager)
          : null;
        return { user, organization: null, membership: member };
      };
      return membership?.manager ? run(membership.manager) : this.transactions.run(run);
    });
  }

  async findAccount(userId: string): Promise<Account | null> {
    const user = await this.users.findById(userId);
    return user ? this.accountOf(user) : null;
  }

  /**
   * The user's standing as the database has it now, not as a cache or a token
   * remembers it: the access guard's check on role-limited routes, where a
   * cached answer could be refilled with a role changed meanwhile.
   */
  async currentAccess(userId: string): Promise<{ active: boolean; organizationId: string | null; role: OrgRole | null } | null> {
    const [user, membership] = await Promise.all([this.users.findById(userId), this.organizations.findMembershipOfUser(userId)]);
    if (!user) return null;
    return { active: user.status === 'active', organizationId: membership?.organizationId ?? null, role: membership?.role ?? null };
  }

  /** One query, known email or not: the login checks the password before it reads anything else (same timing). */
  findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findByEmail(email);
  }

  async accountOf(user: UserEntity): Promise<Account> {
    const membership = await this.organizations.findMembershipOfUser(user.id);
    const organization = membership ? await this.organizations.findById(membership.organizationId) : null;
    return { user, organization, membership };
  }

  async profile(userId: string): Promise<MeDto> {
    const cached = await this.profiles.get(userId);
    if (cached) return cached;
    const account = await this.findAccount(userId);
    if (!account) throw new NotFoundError('User', userId);
    const me = toMeDto(account);
    await this.profiles.put(me);
    return me;
  }

  private async assertEmailFree(email: string): Promise<void> {
    if (await this.users.emailTaken(email)) throw new ConflictError('An account with this email already exists', 'email_taken');
  }

  /** The pre-check above can race a concurrent sign-up; the unique index decides, and it is still a 409. */
  private async uniqueEmail<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('An account with this email already exists', 'email_taken');
      throw error;
    }
  }

  private buildUser(input: { email: string; name: string; platformRole?: PlatformRoleName | null }, passwordHash: string): UserEntity {
    return Object.assign(new UserEntity(), {
      email: normalizeEmail(input.email),
      name: input.name,
      passwordHash,
      status: 'active',
      platformRole: input.platformRole ?? null,
    });
  }

  private buildMembership(userId: string, organizationId: string, role: OrgRole): MembershipEntity {
    return Object.assign(new MembershipEntity(), { userId, organizationId, role });
  }
}
