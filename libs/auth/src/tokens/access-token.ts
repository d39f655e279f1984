import type { PlatformRoleName } from '../accounts/user.entity';
import type { OrgRole } from '../organizations/membership.entity';

/** Claims Nexus puts in an access token besides iss, aud, iat and exp. */
export interface AccessTokenClaims {
  sub: string;
  /** Organization id, or null for a platform-only account. */
  org: string | null;
  role: OrgRole | null;
  /** Platform role, when the account has one. */
  prole?: PlatformRoleName;
}

/** Who is calling: what the guard puts on `request.user`. */
export interface AuthenticatedUser {
  userId: string;
  organizationId: string | null;
  role: OrgRole | null;
  platformRole: PlatformRoleName | null;
}

export const JWT_KEY = Symbol('JWT_KEY');
export const JWT_ALGORITHM = 'HS256';
