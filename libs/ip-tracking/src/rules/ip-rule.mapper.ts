import { IpRuleEntity } from './ip-rule.entity';
import { IpRuleDto } from './security.dto';

export function toIpRuleDto(rule: IpRuleEntity, now = Date.now()): IpRuleDto {
  return {
    id: rule.id,
    kind: rule.kind,
    targetType: rule.targetType,
    target: rule.target,
    reason: rule.reason,
    source: rule.source,
    createdBy: rule.createdBy,
    expiresAt: rule.expiresAt,
    active: !rule.expiresAt || rule.expiresAt.getTime() > now,
    createdAt: rule.createdAt,
  };
}
