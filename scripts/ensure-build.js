#!/usr/bin/env node
// Builds dist/ when it is missing or older than any source file, so `npm start`
// works on a fresh clone and stays fast on the next run.
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const marker = join(root, 'dist', '.build-complete');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  newestMtime(join(root, 'apps')),
  newestMtime(join(root, 'libs')),
  ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => statSync(join(root, f)).mtimeMs),
);
if (!existsSync(marker) || statSync(marker).mtimeMs < sources) {
  process.stderr.write('Building Nexus (dist/ is missing or out of date)…\n');
  execSync('npm run --silent build', { cwd: root, stdio: 'inherit' });
}
