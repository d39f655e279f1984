import { AuthenticatedUser } from '@nexus/auth';
import { ForbiddenError } from '@nexus/core';

/** Who acts, and in which organization: every service method of this module takes one. */
export interface OrgActor {
  organizationId: string;
  userId: string;
}

export function orgActorOf(user: AuthenticatedUser): OrgActor {
  if (!user.organizationId) throw new ForbiddenError('This account does not belong to an organization', 'no_organization');
  return { organizationId: user.organizationId, userId: user.userId };
}
