import { Injectable } from '@nestjs/common';
import { NotFoundError, paginated, Paginated, parseSort } from '@nexus/core';
import { SuspiciousIpDto, SuspiciousIpQueryDto } from './suspicious-ip.dto';
import { FindingStatus } from './suspicious-ip.entity';
import { toSuspiciousIpDto } from './suspicious-ip.mapper';
import { SUSPICIOUS_IP_SORTS, SuspiciousIpsRepository } from './suspicious-ips.repository';

/** The operators' view of findings: list them, and close or dismiss them. */
@Injectable()
export class SuspiciousIpsService {
  constructor(private readonly findings: SuspiciousIpsRepository) {}

  async list(query: SuspiciousIpQueryDto): Promise<Paginated<SuspiciousIpDto>> {
    const sort = parseSort(query.sort, SUSPICIOUS_IP_SORTS, [
      { field: 'windowStart', direction: 'DESC' },
      { field: 'createdAt', direction: 'DESC' },
    ]);
    const [rows, total] = await this.findings.list({ ...query, sort });
    return paginated(rows.map(toSuspiciousIpDto), total, query);
  }

  async setStatus(id: string, status: FindingStatus): Promise<SuspiciousIpDto> {
    const updated = await this.findings.setStatus(id, status);
    if (!updated) throw new NotFoundError('Suspicious IP', id);
    return toSuspiciousIpDto(updated);
  }
}
