import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV } from '../libs/core/src/config/env.schema';
import { renderEnvExample, renderEnvTable } from '../libs/core/src/config/env-example';

const root = join(__dirname, '..');

describe('configuration documentation', () => {
  it('.env.example matches the schema (run `npm run env:example` after changing it)', () => {
    expect(readFileSync(join(root, '.env.example'), 'utf8')).toBe(renderEnvExample());
  });

  it('the README configuration table is the schema (run `npm run env:example` after changing it)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(`<!-- env-table:start -->\n${renderEnvTable()}\n<!-- env-table:end -->`);
    for (const name of Object.keys(ENV)) expect(readme).toContain(`| \`${name}\` |`);
  });
});
