import { Injectable } from '@nestjs/common';
import { OrganizationsRepository } from './organizations.repository';

/** The time zone used when an organization is gone or never set one. */
export const DEFAULT_TIME_ZONE = 'UTC';

/** Told the id of an organization whose settings changed. */
export type SettingsListener = (organizationId: string) => Promise<void>;

/**
 * Read-only settings of an organization for other modules (for instance the
 * time zone that decides when an invoice is overdue), and word of their
 * changes for modules that keep something derived from them.
 */
@Injectable()
export class OrganizationSettings {
  private readonly listeners: SettingsListener[] = [];

  constructor(private readonly organizations: OrganizationsRepository) {}

  /**
   * `listener` runs after every change to an organization's settings, before
   * the change is answered: the invoice cache forgets answers whose overdue
   * flags were computed in the old time zone.
   */
  onChange(listener: SettingsListener): void {
    this.listeners.push(listener);
  }

  /** Called by the organization update once it is saved. */
  async changed(organizationId: string): Promise<void> {
    await Promise.all(this.listeners.map((listener) => listener(organizationId)));
  }

  /** The settings other modules use, in one read: the IANA time zone (UTC by default) and the own invoice prefix (or null). */
  async of(organizationId: string): Promise<{ timeZone: string; invoicePrefix: string | null }> {
    const org = await this.organizations.findById(organizationId);
    return { timeZone: org?.timeZone || DEFAULT_TIME_ZONE, invoicePrefix: org?.invoicePrefix ?? null };
  }

  /** The organization's IANA time zone, UTC by default. */
  async timeZoneOf(organizationId: string): Promise<string> {
    return (await this.of(organizationId)).timeZone;
  }
}
