import { SuspiciousIpDto } from './suspicious-ip.dto';
import { SuspiciousIpEntity } from './suspicious-ip.entity';

export function toSuspiciousIpDto(finding: SuspiciousIpEntity): SuspiciousIpDto {
  return {
    id: finding.id,
    ip: finding.ip,
    windowStart: finding.windowStart,
    windowEnd: finding.windowEnd,
    rule: finding.rule,
    reason: finding.reason,
    evidence: finding.evidence,
    severity: finding.severity,
    country: finding.country,
    status: finding.status,
    decision: finding.decision,
    banSeconds: finding.banSeconds,
    ipRuleId: finding.ipRuleId,
    createdAt: finding.createdAt,
  };
}
