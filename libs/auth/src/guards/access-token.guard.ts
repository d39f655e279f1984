import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ForbiddenError, IS_PUBLIC, markAuthFailure, RouteMemo, UnauthorizedError } from '@nexus/core';
import type { FastifyRequest } from 'fastify';
import { AccountsService } from '../accounts/accounts.service';
import type { PlatformRoleName } from '../accounts/user.entity';
import type { OrgRole } from '../organizations/membership.entity';
import type { AuthenticatedUser } from '../tokens/access-token';
import type { TokenFailure } from '../tokens/access-token.reader';
import { PLATFORM_ROLE, ROLES } from './auth.decorators';

/** What a route asks of its caller, read from its metadata once. */
interface RoutePolicy {
  public: boolean;
  platformRole: PlatformRoleName | undefined;
  roles: OrgRole[] | undefined;
}

/**
 * The global guard: every route needs a valid access token unless marked
 * `@Public()`; then `@Roles(...)` and `@PlatformRole(...)` are enforced.
 * `@Roles` routes (every write, and member management) check the caller's
 * membership as it is now, not the role in the token: a demoted or removed
 * admin must not keep their powers for the token's remaining lifetime, nor
 * use them to make themselves a new account. It is read from the database
 * (two lookups by key): a cache could be refilled with the old role by a
 * read that raced the change.
 */
@Injectable()
export class AccessTokenGuard extends AuthGuard('jwt') {
  /** Metadata is fixed once the app has started, and three reflector reads a request add up. */
  private readonly policies = new RouteMemo<RoutePolicy>((context) => {
    const targets = [context.getHandler(), context.getClass()];
    return {
      public: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
      platformRole: this.reflector.getAllAndOverride<PlatformRoleName | undefined>(PLATFORM_ROLE, targets),
      roles: this.reflector.getAllAndOverride<OrgRole[] | undefined>(ROLES, targets),
    };
  });

  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.policies.get(context);
    if (policy.public) return true;
    await super.canActivate(context);
    const user = context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user;
    if (policy.platformRole && user.platformRole !== policy.platformRole) {
      throw new ForbiddenError(`This operation needs the platform role ${policy.platformRole}`, 'platform_role_required');
    }
    if (policy.roles) {
      // What the handler sees as the caller's role is the current one too.
      user.role = user.role && (await this.currentRole(user));
      if (!user.role || !policy.roles.includes(user.role)) {
        throw new ForbiddenError(`This operation needs one of the roles: ${policy.roles.join(', ')}`, 'role_required');
      }
    }
    return true;
  }

  /** The caller's role in the token's organization now; 401 once the account is gone or disabled. */
  private async currentRole(user: AuthenticatedUser): Promise<OrgRole | null> {
    const access = await this.accounts.currentAccess(user.userId);
    if (!access?.active) throw new UnauthorizedError('The account is no longer active', 'account_inactive');
    return access.organizationId === user.organizationId ? access.role : null;
  }

  override handleRequest<TUser = AuthenticatedUser>(error: unknown, user: TUser | false, info: unknown, context: ExecutionContext): TUser {
    if (error || !user) {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      const failure = (info as { failure?: TokenFailure } | undefined)?.failure ?? 'invalid_token';
      markAuthFailure(request, failure === 'token_expired' ? 'token_expired' : 'invalid_token');
      if (error && !(error instanceof UnauthorizedError)) throw error;
      throw new UnauthorizedError(
        failure === 'missing_token'
          ? 'An access token is required (Authorization: Bearer …)'
          : failure === 'token_expired'
            ? 'The access token has expired'
            : 'The access token is not valid',
        failure === 'missing_token' ? 'missing_token' : 'invalid_token',
      );
    }
    return user;
  }
}
