import { Injectable } from '@nestjs/common';
import { OrganizationsRepository } from './organizations.repository';

/** The time zone used when an organization is gone or never set one. */
export const DEFAULT_TIME_ZONE = 'UTC';

/**
 * Read-only settings of an organization for other modules (for instance the
 * time zone that decides when an invoice is overdue).
 */
@Injectable()
export class OrganizationSettings {
  constructor(private readonly organizations: OrganizationsRepository) {}

  /** The organization's IANA time zone, UTC by default. */
  async timeZoneOf(organizationId: string): Promise<string> {
    const org = await this.organizations.findById(organizationId);
    return org?.timeZone || DEFAULT_TIME_ZONE;
  }
}
