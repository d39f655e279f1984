import { OrganizationDto } from './organization.dto';
import { OrganizationEntity } from './organization.entity';

export function toOrganizationDto(org: OrganizationEntity): OrganizationDto {
  return { id: org.id, name: org.name, timeZone: org.timeZone, invoicePrefix: org.invoicePrefix ?? null, createdAt: org.createdAt };
}
