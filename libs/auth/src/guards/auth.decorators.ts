import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { PlatformRoleName } from '../accounts/user.entity';
import type { OrgRole } from '../organizations/membership.entity';
import type { AuthenticatedUser } from '../tokens/access-token';

export const ROLES = 'nexus:roles';
export const PLATFORM_ROLE = 'nexus:platformRole';

/** Organization roles allowed to call the route. */
export const Roles = (...roles: OrgRole[]) => SetMetadata(ROLES, roles);

/** Platform role required to call the route (operators), whatever the organization. */
export const PlatformRole = (role: PlatformRoleName) => SetMetadata(PLATFORM_ROLE, role);

/** Roles that may change data; viewers only read. */
export const WRITERS: OrgRole[] = ['owner', 'admin', 'accountant'];
/** Roles that manage the organization and its members. */
export const MANAGERS: OrgRole[] = ['owner', 'admin'];

/** The authenticated caller (set by the global guard). */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user;
});
