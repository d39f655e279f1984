// Writes the OpenAPI document the API serves at /docs-json to a file, for
// `npm run lint:openapi` (spectral) and for client generators.
import { AppConfig } from '@nexus/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createApiApp } from '../apps/api/src/bootstrap';
import { buildOpenApiDocument } from '../apps/api/src/openapi';

async function main(): Promise<void> {
  const out = process.argv[2] ?? 'dist/openapi.json';
  const app = await createApiApp(AppConfig.forTest({ DATABASE_URL: 'sqlite::memory:' }));
  await app.init();
  const document = buildOpenApiDocument(app);
  await app.close();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`OpenAPI document written to ${out} (${Object.keys(document.paths).length} paths)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
