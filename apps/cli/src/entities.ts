import { AUTH_ENTITIES } from '@nexus/auth';
import { EntitySchema } from 'typeorm';

/**
 * Every entity of every module: the schema that migrations must match. The
 * apps load the same entities through each module's `TypeOrmModule.forFeature`;
 * a test checks that both lists agree.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ALL_ENTITIES: (Function | EntitySchema)[] = [...AUTH_ENTITIES];
