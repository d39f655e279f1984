// `npm run env:example`: rewrites .env.example from the configuration schema.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEnvExample } from '../libs/core/src/config/env-example';

writeFileSync(join(__dirname, '..', '.env.example'), renderEnvExample());
process.stdout.write('.env.example updated\n');
