import { ANOMALY_ENTITIES } from '@nexus/anomaly';
import { AUTH_ENTITIES } from '@nexus/auth';
import { INVOICE_ENTITIES } from '@nexus/invoices';
import { IP_TRACKING_ENTITIES } from '@nexus/ip-tracking';
import { EntitySchema } from 'typeorm';

/**
 * Every entity of every module: the schema that migrations must match. The
 * apps load the same entities through each module's `TypeOrmModule.forFeature`;
 * a test checks that both lists agree.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ALL_ENTITIES: (Function | EntitySchema)[] = [
  ...AUTH_ENTITIES,
  ...INVOICE_ENTITIES,
  ...IP_TRACKING_ENTITIES,
  ...ANOMALY_ENTITIES,
];
