import { UserEntity } from './accounts/user.entity';
import { MembershipEntity } from './organizations/membership.entity';
import { OrganizationEntity } from './organizations/organization.entity';
import { RefreshTokenEntity } from './tokens/refresh-token.entity';

export const AUTH_ENTITIES = [UserEntity, OrganizationEntity, MembershipEntity, RefreshTokenEntity];
