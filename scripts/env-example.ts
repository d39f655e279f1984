// `npm run env:example`: rewrites .env.example and the README's configuration
// table from the configuration schema (tests check both are current).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEnvExample, renderEnvTable } from '../libs/core/src/config/env-example';

const root = join(__dirname, '..');
writeFileSync(join(root, '.env.example'), renderEnvExample());
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8').replace(
  /<!-- env-table:start -->[\s\S]*<!-- env-table:end -->/,
  `<!-- env-table:start -->\n${renderEnvTable()}\n<!-- env-table:end -->`,
);
writeFileSync(readmePath, readme);
process.stdout.write('.env.example and the README configuration table updated\n');
