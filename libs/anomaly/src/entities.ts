import { AlertMarkEntity } from './alerts/alert-mark.entity';
import { IpBaselineEntity } from './baseline/ip-baseline.entity';
import { SuspiciousIpEntity } from './findings/suspicious-ip.entity';

export const ANOMALY_ENTITIES = [SuspiciousIpEntity, IpBaselineEntity, AlertMarkEntity];
