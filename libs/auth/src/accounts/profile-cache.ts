import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import type { OrgRole } from '../organizations/membership.entity';
import type { OrganizationDto } from '../organizations/organization.dto';
import type { MeDto, UserDto } from './account.dto';

/** Bounds how stale an answer can be if a change ever bypasses the invalidations below. */
const TTL_MS = 5 * 60 * 1000;

interface CachedMember {
  user: UserDto;
  role: OrgRole | null;
  organizationId: string | null;
}

/**
 * GET /auth/me without the three reads behind it. The user's part and the
 * organization's part are cached apart (in memory embedded, Redis in services
 * mode, shared by every replica), so renaming an organization forgets one
 * entry, not one per member. MembersService forgets what its writes change.
 * The cache is an optimization: when it fails, reads go to the database.
 */
@Injectable()
export class ProfileCache {
  private readonly logger = new Logger(ProfileCache.name);

  constructor(@Inject(CACHE_MANAGER) private readonly cache: Cache) {}

  async get(userId: string): Promise<MeDto | undefined> {
    try {
      const member = await this.cache.get<CachedMember>(memberKey(userId));
      if (!member) return undefined;
      if (member.organizationId === null) return { user: member.user, organization: null, role: member.role };
      const organization = await this.cache.get<OrganizationDto>(organizationKey(member.organizationId));
      return organization ? { user: member.user, organization, role: member.role } : undefined;
    } catch (error) {
      this.logger.warn(`Profile cache unavailable: ${(error as Error).message}`);
      return undefined;
    }
  }

  async put(me: MeDto): Promise<void> {
    const member: CachedMember = { user: me.user, role: me.role, organizationId: me.organization?.id ?? null };
    await Promise.all([
      this.cache.set(memberKey(me.user.id), member, TTL_MS),
      me.organization ? this.cache.set(organizationKey(me.organization.id), me.organization, TTL_MS) : undefined,
    ]).catch((error: Error) => this.logger.warn(`Profile cache unavailable: ${error.message}`));
  }

  /** After a change to the user or their membership (role, removal). Failing loudly: a stale role must not be served. */
  async forgetUser(userId: string): Promise<void> {
    await this.cache.del(memberKey(userId));
  }

  /** After a change to the organization (name, time zone). */
  async forgetOrganization(organizationId: string): Promise<void> {
    await this.cache.del(organizationKey(organizationId));
  }
}

const memberKey = (userId: string) => `auth:me:${userId}`;
const organizationKey = (organizationId: string) => `auth:org:${organizationId}`;
