import { RequestLogEntity } from './request-log/request-log.entity';
import { IpRuleEntity } from './rules/ip-rule.entity';

export const IP_TRACKING_ENTITIES = [IpRuleEntity, RequestLogEntity];
