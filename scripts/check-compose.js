#!/usr/bin/env node
// Validates docker-compose.yml without a Docker engine, so CI can run it anywhere:
//  1. `docker compose config -q` (or `docker-compose config -q`) when such a binary works here: the Compose schema;
//  2. always, the Nexus rules below, which the schema cannot express.
//
//   node scripts/check-compose.js [compose-file] [--node-only]
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { basename, dirname, isAbsolute, join, resolve } = require('node:path');
const yaml = require('js-yaml');

const DEFAULT_FILE = join(__dirname, '..', 'docker-compose.yml');
const ENV_ANCHOR = 'x-nexus-env';
const APP_SERVICES = ['migrate', 'api', 'worker'];
const REQUIRED_SERVICES = ['mariadb', 'redis', ...APP_SERVICES];
const SERVED_BY_MIGRATE = ['api', 'worker'];
const ONE_SHOT_CONDITION = 'service_completed_successfully';
const CLI_TIMEOUT_MS = 30_000;

// Keys that hold credentials; the flag-style MARIADB_RANDOM_ROOT_PASSWORD=1 and friends are not credentials.
const SECRET_KEY = /(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PRIVATE_KEY)$/i;
const SECRET_FLAG_KEY = /(RANDOM_ROOT|ALLOW_EMPTY(_ROOT)?)_PASSWORD$/i;
// ${VAR}, ${VAR:-default}, ${VAR?message}, ${VAR:?message}
const INTERPOLATION = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?:(?::?[-?])[^}]*)?\}$/;
const REQUIRED_INTERPOLATION = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?\?[^}]*\}$/;
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]*)@/i;

/** Compose files use YAML merge keys (`<<: *anchor`); js-yaml 5's default core schema leaves them out. */
function parseCompose(text) {
  const schema = yaml.mergeTag ? yaml.CORE_SCHEMA.withTags(yaml.mergeTag) : yaml.DEFAULT_SCHEMA;
  return yaml.load(text, { schema });
}

const isMapping = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `environment:` as a mapping or as a list of KEY=VALUE; a bare KEY (passed through from the host) maps to undefined. */
function environmentOf(service) {
  const env = service.environment;
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const text = String(entry);
        const eq = text.indexOf('=');
        return eq < 0 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
      }),
    );
  }
  if (!isMapping(env)) return {};
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? undefined : String(value)]));
}

/** `depends_on:` as a list or a mapping, as { target: condition }. */
function dependenciesOf(service) {
  const deps = service.depends_on;
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [String(name), 'service_started']));
  if (!isMapping(deps)) return {};
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, (isMapping(spec) && spec.condition) || 'service_started']));
}

function hasHealthcheck(service) {
  const check = service.healthcheck;
  if (!isMapping(check) || check.disable === true) return false;
  const test = Array.isArray(check.test) ? check.test : [check.test];
  return test.length > 0 && test[0] !== undefined && test[0] !== 'NONE';
}

/** Host paths of bind mounts: short syntax `./host:/container[:ro]` (named volumes have no slash) and long syntax `type: bind`. */
function bindSourcesOf(service) {
  const volumes = Array.isArray(service.volumes) ? service.volumes : [];
  return volumes
    .map((volume) => (isMapping(volume) ? (volume.type === 'bind' ? volume.source : undefined) : String(volume).split(':')[0]))
    .filter((source) => typeof source === 'string' && /^(\.{1,2}\/|\/)/.test(source));
}

function secretProblems(where, env) {
  const problems = [];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (SECRET_KEY.test(key) && !SECRET_FLAG_KEY.test(key)) {
      if (/SECRET|TOKEN|PRIVATE_KEY/i.test(key) && !REQUIRED_INTERPOLATION.test(value)) {
        problems.push(`${where}: ${key} must come from the environment with no fallback, e.g. \${${key}:?set ${key}}`);
      } else if (!INTERPOLATION.test(value)) {
        problems.push(`${where}: ${key} holds a literal value; use \${${key}} or \${${key}:-local-dev-default}`);
      }
    }
    const password = URL_PASSWORD.exec(value)?.[1];
    if (password && !INTERPOLATION.test(password)) {
      problems.push(`${where}: ${key} embeds a literal password in its URL; interpolate it, e.g. user:\${DB_PASSWORD:-dev}@host`);
    }
  }
  return problems;
}

/**
 * The Nexus rules for a parsed compose document: one entry per rule with the problems it found,
 * so one run reports everything. With `baseDir` (the compose file's folder), bind-mounted host paths must exist.
 */
function checkCompose(doc, baseDir) {
  if (!isMapping(doc) || !isMapping(doc.services)) {
    return [{ rule: 'the file is a Compose document', problems: ['the file has no `services:` mapping'] }];
  }
  const services = doc.services;
  const defined = Object.entries(services).filter(([, service]) => isMapping(service));
  const checks = [];
  const check = (rule, problems) => checks.push({ rule, problems: [...new Set(problems)] });

  check('Compose Specification: no top-level `version:`', 'version' in doc ? ['`version:` is obsolete; remove it'] : []);
  check(`services ${REQUIRED_SERVICES.join(', ')} are defined`, [
    ...REQUIRED_SERVICES.filter((name) => !isMapping(services[name])).map((name) => `service "${name}" is missing`),
    ...Object.keys(services)
      .filter((name) => !isMapping(services[name]))
      .map((name) => `service "${name}" is not a mapping`),
  ]);
  check(
    'every service has image or build',
    defined
      .filter(([, service]) => service.image === undefined && service.build === undefined)
      .map(([name]) => `service "${name}" has neither`),
  );

  const dependencyProblems = [];
  const oneShots = new Set();
  for (const [name, service] of defined) {
    for (const [target, condition] of Object.entries(dependenciesOf(service))) {
      if (condition === ONE_SHOT_CONDITION) oneShots.add(target);
      if (!isMapping(services[target])) {
        dependencyProblems.push(`service "${name}" depends on "${target}", which is not defined`);
      } else if (condition === 'service_healthy' && !hasHealthcheck(services[target])) {
        dependencyProblems.push(`service "${name}" waits for "${target}" to be healthy, but "${target}" has no healthcheck`);
      }
    }
  }
  check('depends_on targets exist, and have a healthcheck when waited on with service_healthy', dependencyProblems);

  const healthProblems = [];
  for (const [name, service] of defined) {
    if (!oneShots.has(name)) {
      if (!hasHealthcheck(service)) healthProblems.push(`service "${name}" has no healthcheck`);
    } else if (['always', 'unless-stopped'].includes(String(service.restart))) {
      healthProblems.push(`one-shot service "${name}" has restart: ${service.restart}, so it never completes; use "no"`);
    }
  }
  const exempt = [...oneShots].join(', ') || 'none';
  check(`every long-running service has a healthcheck (exempt one-shots, waited on with ${ONE_SHOT_CONDITION}: ${exempt})`, healthProblems);

  check(
    `${SERVED_BY_MIGRATE.join(' and ')} start only after migrate completed`,
    SERVED_BY_MIGRATE.filter((name) => isMapping(services[name]))
      .filter((name) => dependenciesOf(services[name]).migrate !== ONE_SHOT_CONDITION)
      .map((name) => `service "${name}" must depend on migrate with condition: ${ONE_SHOT_CONDITION}`),
  );

  const shared = doc[ENV_ANCHOR];
  const sharedEnv = isMapping(shared) ? environmentOf({ environment: shared }) : {};
  const anchorProblems = isMapping(shared) ? [] : [`no \`${ENV_ANCHOR}: &anchor\` mapping for the environment the Nexus processes share`];
  for (const name of APP_SERVICES.filter((n) => isMapping(services[n]))) {
    const env = environmentOf(services[name]);
    const differing = Object.keys(sharedEnv).filter((key) => env[key] !== sharedEnv[key]);
    if (differing.length > 0) anchorProblems.push(`service "${name}" does not take ${differing.join(', ')} from ${ENV_ANCHOR}`);
  }
  check(`${APP_SERVICES.join(', ')} share the ${ENV_ANCHOR} environment (${Object.keys(sharedEnv).join(', ')})`, anchorProblems);

  if (baseDir !== undefined) {
    // A missing source becomes an empty directory that Docker creates, and the service fails on it.
    check(
      'bind-mounted host paths exist',
      defined.flatMap(([name, service]) =>
        bindSourcesOf(service)
          .filter((source) => !/\$\{/.test(source) && !existsSync(isAbsolute(source) ? source : join(baseDir, source)))
          .map((source) => `service "${name}" mounts ${source}, which does not exist`),
      ),
    );
  }

  check('no literal secrets: passwords, secrets, tokens and URL credentials come from ${VAR} interpolation', [
    ...(isMapping(shared) ? secretProblems(ENV_ANCHOR, sharedEnv) : []),
    // Values taken from the anchor were reported once, under its name.
    ...defined.flatMap(([name, service]) => {
      const own = Object.entries(environmentOf(service)).filter(([key, value]) => sharedEnv[key] !== value);
      return secretProblems(`service "${name}"`, Object.fromEntries(own));
    }),
  ]);
  return checks;
}

/**
 * A compose CLI that validates without an engine: the v2 plugin (`docker compose`), else a standalone
 * `docker-compose` (v2, or v1 >= 1.29 such as Debian bookworm's, the first to know service_completed_successfully).
 */
function findComposeCli() {
  const candidates = [
    { command: 'docker', prefix: ['compose'], minimum: [2, 0] },
    { command: 'docker-compose', prefix: [], minimum: [1, 29] },
  ];
  for (const cli of candidates) {
    const result = spawnSync(cli.command, [...cli.prefix, 'version', '--short'], { encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
    const version = result.status === 0 ? result.stdout.trim().replace(/^v/, '') : '';
    const [major, minor] = version.split('.').map(Number);
    if (major > cli.minimum[0] || (major === cli.minimum[0] && minor >= cli.minimum[1])) return { ...cli, version };
  }
  return null;
}

/** `${VAR:?message}` aborts `config` when VAR is unset; give such variables a placeholder that is never used to run anything. */
function placeholderEnv(text) {
  const env = { ...process.env };
  for (const [, name] of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)) {
    if (!env[name]) env[name] = 'check-compose-placeholder-not-a-real-secret';
  }
  return env;
}

function validateWithComposeCli(file, text) {
  const cli = findComposeCli();
  if (!cli) {
    console.log('- compose CLI: neither `docker compose` nor docker-compose >= 1.29 works here; schema validation skipped');
    return [];
  }
  const args = [...cli.prefix, '-f', file, 'config', '-q'];
  const result = spawnSync(cli.command, args, { encoding: 'utf8', env: placeholderEnv(text), timeout: CLI_TIMEOUT_MS });
  const label = `${cli.command} ${args.join(' ')} (compose ${cli.version})`;
  if (result.status === 0) {
    console.log(`✓ ${label}: the file is valid for Compose`);
    return [];
  }
  console.log(`✗ ${label}`);
  return [`${label} failed:\n${(result.stderr || result.stdout || String(result.error)).trim()}`];
}

function main(argv) {
  const nodeOnly = argv.includes('--node-only');
  const file = resolve(argv.find((arg) => !arg.startsWith('--')) ?? DEFAULT_FILE);
  console.log(`Checking ${file}`);
  const text = readFileSync(file, 'utf8');

  const problems = nodeOnly ? [] : validateWithComposeCli(file, text);
  let doc;
  try {
    doc = parseCompose(text);
  } catch (error) {
    problems.push(`YAML does not parse: ${error.message}`);
  }
  if (doc !== undefined) {
    for (const { rule, problems: found } of checkCompose(doc, dirname(file))) {
      console.log(`${found.length === 0 ? '✓' : '✗'} ${rule}`);
      problems.push(...found);
    }
  }

  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s) in ${basename(file)}:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exitCode = 1;
    return;
  }
  console.log(`${basename(file)}: OK`);
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { parseCompose, checkCompose };
