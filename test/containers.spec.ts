// Static checks of the container setup (Dockerfile, .dockerignore, docker-compose.yml): no Docker needed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';

const root = join(__dirname, '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

/** Dockerfile instructions grouped by stage, with `\` continuations joined and comments dropped. */
function parseDockerfile(text: string): Stage[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === 'FROM') {
      const [, image, name] = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(args) ?? [];
      stages.push({ image, name, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
}

const argsOf = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
  ports?: string[];
  profiles?: string[];
  volumes?: string[];
}

interface ComposeFile {
  version?: string;
  services: Record<string, ComposeService>;
  'x-nexus-env': Record<string, string>;
}

/** Same parser and schema as scripts/check-compose.js: js-yaml's core schema plus merge keys. */
const parseYaml = (text: string) => load(text, { schema: CORE_SCHEMA.withTags(mergeTag) });

describe('Dockerfile', () => {
  const stages = parseDockerfile(read('Dockerfile'));
  const final = stages[stages.length - 1];
  const stageNamed = (name: string) => stages.find((stage) => stage.name === name);

  it('builds in several stages from tagged base images', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    for (const { image } of stages.filter((stage) => !stageNamed(stage.image))) {
      expect(image).toMatch(/^[^:@\s]+[:@]\S+$/);
      expect(image).not.toMatch(/:latest$/);
    }
  });

  it('installs with npm ci, never npm install', () => {
    const runs = stages.flatMap((stage) => argsOf(stage, 'RUN'));
    expect(runs.some((run) => /\bnpm ci\b/.test(run))).toBe(true);
    for (const run of runs) expect(run).not.toMatch(/\bnpm (install|i|add)\b/);
  });

  it('ships only production dependencies, built with npm ci --omit=dev', () => {
    const modules = argsOf(final, 'COPY').filter((args) => /node_modules/.test(args));
    expect(modules).toHaveLength(1);
    const source = stageNamed(/--from=(\S+)/.exec(modules[0])?.[1] ?? '');
    expect(source).toBeDefined();
    expect(argsOf(source as Stage, 'RUN').some((run) => /\bnpm ci\b.*--omit=dev/.test(run))).toBe(true);
  });

  it('runs as a non-root user, in production mode, with a writable data volume', () => {
    const users = argsOf(final, 'USER');
    expect(users).toHaveLength(1);
    const [user] = users[0].split(':');
    expect(user).not.toMatch(/^(root|0)$/);
    expect(argsOf(final, 'ENV').join(' ')).toMatch(/NODE_ENV=production/);
    expect(argsOf(final, 'VOLUME').join(' ')).toContain('/app/data');
    expect(argsOf(final, 'RUN').join(' ')).toMatch(/chown \S+ \/app\/data/);
    expect(argsOf(final, 'EXPOSE')).toEqual(['3000']);
  });

  it('probes /health/live with node and starts the API in exec form', () => {
    const [healthcheck] = argsOf(final, 'HEALTHCHECK');
    const probe = JSON.parse(/CMD\s+(\[.*\])$/.exec(healthcheck)?.[1] ?? 'null') as string[];
    expect(probe[0]).toBe('node');
    expect(probe.join(' ')).toContain('/health/live');
    expect(JSON.parse(argsOf(final, 'CMD')[0])).toEqual(['node', 'dist/apps/api/src/main.js']);
  });
});

describe('.dockerignore', () => {
  const patterns = read('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('keeps dependencies, build output, local data and secrets out of the build context', () => {
    for (const required of ['node_modules', 'dist', 'data', '.git', '.env']) {
      expect(patterns.some((pattern) => pattern === required || pattern === `**/${required}`)).toBe(true);
    }
    expect(patterns).toContain('.env.*');
  });
});

describe('docker-compose.yml', () => {
  const compose = parseYaml(read('docker-compose.yml')) as ComposeFile;
  const { services } = compose;
  const appServices = ['migrate', 'api', 'worker'];

  it('follows the Compose Specification (no version key) and defines every service', () => {
    expect(compose.version).toBeUndefined();
    expect(Object.keys(services).sort()).toEqual(['api', 'mariadb', 'migrate', 'prometheus', 'redis', 'worker']);
  });

  it('offers Prometheus, scraping the API and the worker, only with --profile observability', () => {
    const { prometheus } = services;
    expect(prometheus.profiles).toEqual(['observability']);
    expect(prometheus.image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    expect(prometheus.healthcheck?.test?.join(' ')).toContain('/-/ready');
    expect(prometheus.volumes).toContain('./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    const config = parseYaml(read('deploy/prometheus/prometheus.yml')) as {
      scrape_configs: { metrics_path: string; static_configs: { targets: string[] }[] }[];
    };
    const [api, worker] = config.scrape_configs;
    expect(api.metrics_path).toBe('/metrics');
    expect(api.static_configs.flatMap((c) => c.targets)).toEqual(['api:3000']);
    expect(worker.metrics_path).toBe('/metrics');
    expect(worker.static_configs.flatMap((c) => c.targets)).toEqual(['worker:9464']);
    for (const name of Object.keys(services).filter((n) => n !== 'prometheus')) expect(services[name].profiles).toBeUndefined();
  });

  it('gives every long-running service a healthcheck; migrate is a one-shot', () => {
    for (const name of ['mariadb', 'redis', 'api', 'worker']) {
      expect(services[name].healthcheck?.test?.length).toBeGreaterThan(0);
      expect(services[name].healthcheck?.disable).not.toBe(true);
    }
    expect(services.mariadb.healthcheck?.test).toEqual(['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized']);
    expect(services.redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(services.api.healthcheck?.test?.join(' ')).toContain('/health/ready');
    expect(services.migrate.restart).toBe('no');
  });

  it('runs migrations before the API and the worker start', () => {
    expect(services.migrate.command).toEqual(['node', 'dist/apps/cli/src/main.js', 'migration:run']);
    expect(services.migrate.depends_on?.mariadb.condition).toBe('service_healthy');
    for (const name of ['api', 'worker']) {
      expect(services[name].depends_on?.migrate.condition).toBe('service_completed_successfully');
      expect(services[name].depends_on?.redis.condition).toBe('service_healthy');
    }
  });

  it('builds one image that migrate, api and worker share', () => {
    expect(services.api.build).toBeDefined();
    expect(services.api.ports).toContain('3000:3000');
    expect(services.worker.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    for (const name of appServices) expect(services[name].image).toBe(services.api.image);
  });

  it('shares one environment through the x-nexus-env anchor, with secrets only from the host', () => {
    const shared = compose['x-nexus-env'];
    for (const name of appServices) expect(services[name].environment).toEqual(shared);
    expect(shared).toMatchObject({ NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379' });
    expect(shared.DATABASE_URL).toBe('mariadb://nexus:${MARIADB_PASSWORD:-nexus}@mariadb:3306/nexus');
    expect(shared.JWT_ACCESS_SECRET).toMatch(/^\$\{JWT_ACCESS_SECRET:\?[^}]+\}$/);
  });
});

describe('scripts/check-compose.js', () => {
  const script = join(root, 'scripts', 'check-compose.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [script, '--node-only', ...args], { encoding: 'utf8' });
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'nexus-compose-'));
  });

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('passes on docker-compose.yml', () => {
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails with a message per problem', () => {
    const broken = join(scratch, 'docker-compose.yml');
    writeFileSync(
      broken,
      [
        'services:',
        '  api:',
        '    image: nexus',
        '    environment: { JWT_ACCESS_SECRET: hunter2-hunter2-hunter2-hunter2-xx }',
        '    depends_on: [redis]',
        '    volumes: [./no-such-file.yml:/etc/app.yml:ro, app-data:/data]',
      ].join('\n'),
    );
    const result = run(broken);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('service "mariadb" is missing');
    expect(result.stderr).toContain('service "api" has no healthcheck');
    expect(result.stderr).toContain('depends on "redis", which is not defined');
    expect(result.stderr).toContain('JWT_ACCESS_SECRET must come from the environment');
    expect(result.stderr).toContain('mounts ./no-such-file.yml, which does not exist');
    expect(result.stderr).not.toContain('app-data');
  });
});
