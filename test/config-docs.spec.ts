import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV } from '../libs/core/src/config/env.schema';
import { renderEnvExample } from '../libs/core/src/config/env-example';

const root = join(__dirname, '..');

describe('configuration documentation', () => {
  it('.env.example matches the schema (run `npm run env:example` after changing it)', () => {
    expect(readFileSync(join(root, '.env.example'), 'utf8')).toBe(renderEnvExample());
  });

  it('the README configuration table lists every variable', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const missing = Object.keys(ENV).filter((name) => !new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`, 'm').test(readme));
    expect(missing).toEqual([]);
  });
});
