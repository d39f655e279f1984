// Static checks of the Kubernetes manifests under deploy/k8s: no cluster and no kustomize needed.
// scripts/render-k8s.sh renders them with kustomize where one is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadAll } from 'js-yaml';

const root = join(__dirname, '..');
const k8s = join(root, 'deploy', 'k8s');
const IMAGE = 'ghcr.io/example/nexus';
const OVERLAYS = ['staging', 'production'];
const SECRET_KEYS = ['DATABASE_URL', 'REDIS_URL', 'JWT_ACCESS_SECRET'];
const PLACEHOLDER = 'REPLACE_ME';

interface Probe {
  httpGet?: { path: string; port: number | string };
  exec?: { command: string[] };
}

interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[] };
  seccompProfile?: { type: string };
}

interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
  volumeMounts?: { name: string; mountPath: string }[];
}

interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: SecurityContext;
  terminationGracePeriodSeconds?: number;
  automountServiceAccountToken?: boolean;
  restartPolicy?: string;
  topologySpreadConstraints?: unknown[];
  affinity?: { podAntiAffinity?: unknown };
  volumes?: { name: string; emptyDir?: unknown }[];
}

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // Each kind has its own spec; the tests below read the fields they check.
  spec?: any;
}

interface Kustomization {
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  replicas?: { name: string; count: number }[];
  configMapGenerator?: { name: string; behavior?: string; literals?: string[] }[];
  secretGenerator?: { name: string; envs?: string[]; literals?: string[]; files?: string[] }[];
  patches?: { path?: string; patch?: string; target?: { kind?: string; name?: string } }[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const parseAll = (file: string) => loadAll(readFileSync(file, 'utf8')).filter((doc) => doc !== null && doc !== undefined);
const kustomization = (dir: string) => parseAll(join(k8s, dir, 'kustomization.yaml'))[0] as Kustomization;

/** KEY=VALUE lines of an env file, as kustomize's secretGenerator reads them. */
function parseEnvFile(file: string): Record<string, string> {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

const yamlFiles = filesUnder(k8s)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => relative(k8s, file));

const baseKustomization = kustomization('base');
const baseResources = (baseKustomization.resources ?? []).flatMap((file) => parseAll(join(k8s, 'base', file)) as Manifest[]);
const resource = (kind: string, name: string) => {
  const found = baseResources.find((doc) => doc.kind === kind && doc.metadata.name === name);
  if (!found) throw new Error(`base has no ${kind} ${name}`);
  return found;
};
const workloads = baseResources.filter((doc) => ['Deployment', 'Job'].includes(doc.kind));
const podSpecOf = (workload: Manifest) => workload.spec.template.spec as PodSpec;
const api = resource('Deployment', 'nexus-api');
const apiPod = podSpecOf(api);
const [apiContainer] = apiPod.containers;
const worker = resource('Deployment', 'nexus-worker');
const [workerContainer] = podSpecOf(worker).containers;
const migrate = resource('Job', 'nexus-migrate');
const config = baseKustomization.configMapGenerator?.find((generator) => generator.name === 'nexus-config');
const configEnv = Object.fromEntries((config?.literals ?? []).map((literal) => literal.split(/=(.*)/s).slice(0, 2)));

/** A named port resolved against the container's ports. */
const portNumber = (container: Container, port: number | string | undefined) =>
  typeof port === 'number' ? port : container.ports?.find((p) => p.name === port)?.containerPort;

describe('deploy/k8s: files', () => {
  it.each(yamlFiles)('%s parses as YAML', (file) => {
    expect(parseAll(join(k8s, file)).length).toBeGreaterThan(0);
  });

  it('has a base and the staging and production overlays', () => {
    expect(yamlFiles).toContain('base/kustomization.yaml');
    for (const overlay of OVERLAYS) expect(yamlFiles).toContain(`overlays/${overlay}/kustomization.yaml`);
  });

  it('keeps the base namespace-less and lists every manifest in it', () => {
    expect(baseKustomization.namespace).toBeUndefined();
    for (const doc of baseResources) expect(doc.metadata.namespace).toBeUndefined();
    const manifests = yamlFiles.filter((file) => file.startsWith('base/') && file !== 'base/kustomization.yaml');
    expect(manifests.map((file) => file.slice('base/'.length)).sort()).toEqual([...(baseKustomization.resources ?? [])].sort());
  });
});

describe('deploy/k8s: api', () => {
  it('runs 3 replicas of the API command, spread over nodes, with requests and limits', () => {
    expect(api.spec.replicas).toBe(3);
    expect(apiContainer.command).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(portNumber(apiContainer, 'http')).toBe(3000);
    expect(apiPod.topologySpreadConstraints?.length || apiPod.affinity?.podAntiAffinity).toBeTruthy();
    expect(api.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  it('probes readiness on /health/ready and liveness on /health/live, port 3000, after a startup probe', () => {
    const { readinessProbe, livenessProbe, startupProbe } = apiContainer;
    expect(readinessProbe?.httpGet?.path).toBe('/health/ready');
    expect(portNumber(apiContainer, readinessProbe?.httpGet?.port)).toBe(3000);
    expect(livenessProbe?.httpGet?.path).toBe('/health/live');
    expect(portNumber(apiContainer, livenessProbe?.httpGet?.port)).toBe(3000);
    expect(startupProbe?.httpGet?.path).toBe('/health/live');
  });

  it('drains before SIGTERM and leaves the app its SHUTDOWN_TIMEOUT before SIGKILL', () => {
    const preStop = apiContainer.lifecycle?.preStop;
    const sleep = preStop?.sleep?.seconds ?? Number(preStop?.exec?.command.join(' ').match(/^sleep (\d+)$/)?.[1]);
    expect(sleep).toBeGreaterThan(0);
    const shutdownTimeout = Number(/^(\d+)s$/.exec(configEnv.SHUTDOWN_TIMEOUT)?.[1]);
    expect(shutdownTimeout).toBeGreaterThan(0);
    expect(apiPod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(Math.max(15, sleep + shutdownTimeout));
  });

  it('scales on CPU with an autoscaling/v2 HPA whose floor is the replica count', () => {
    const hpa = resource('HorizontalPodAutoscaler', 'nexus-api');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nexus-api' });
    expect(hpa.spec.minReplicas).toBe(api.spec.replicas);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    expect(hpa.spec.metrics).toContainEqual(
      expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) }),
    );
  });

  it('has a policy/v1 PodDisruptionBudget that keeps at least 2 API pods up', () => {
    const pdb = resource('PodDisruptionBudget', 'nexus-api');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec.selector.matchLabels).toEqual(api.spec.selector.matchLabels);
    if (pdb.spec.minAvailable !== undefined) expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(2);
    else expect(pdb.spec.maxUnavailable).toBeLessThanOrEqual(api.spec.replicas - 2);
  });

  it('is reached through a Service and an Ingress example that keep /metrics, /health and /ops inside', () => {
    const service = resource('Service', 'nexus-api');
    expect(service.spec.selector).toEqual(api.spec.template.metadata.labels);
    const [servicePort] = service.spec.ports as { name: string; targetPort: string | number }[];
    expect(portNumber(apiContainer, servicePort.targetPort)).toBe(3000);

    const ingress = resource('Ingress', 'nexus-api');
    expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
    const paths = (ingress.spec.rules as { http: { paths: { path: string; backend: { service: unknown } }[] } }[]).flatMap(
      (rule) => rule.http.paths,
    );
    expect(paths.map((p) => p.path)).toContain('/api');
    for (const { path, backend } of paths) {
      expect(backend.service).toEqual({ name: 'nexus-api', port: { name: servicePort.name } });
      expect(path).not.toMatch(/^\/($|metrics|health|ops)/);
    }
  });
});

describe('deploy/k8s: worker and migrations', () => {
  it('runs 2 worker replicas with a Redis ping instead of HTTP probes, and its metrics port for Prometheus', () => {
    expect(worker.spec.replicas).toBe(2);
    expect(workerContainer.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    expect(workerContainer.ports).toEqual([{ name: 'metrics', containerPort: 9464, protocol: 'TCP' }]);
    expect(worker.spec.template.metadata?.annotations?.['prometheus.io/port']).toBe('9464');
    for (const probe of [workerContainer.readinessProbe, workerContainer.livenessProbe, workerContainer.startupProbe]) {
      expect(probe?.httpGet).toBeUndefined();
    }
    const command = workerContainer.readinessProbe?.exec?.command ?? [];
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain("require('ioredis')");
    expect(command[2]).toContain('ping()');
  });

  it('migrates in a Job that runs before the rollout, retries a little and cleans up after itself', () => {
    const [container] = podSpecOf(migrate).containers;
    expect(container.command).toEqual(['node', 'dist/apps/cli/src/main.js', 'migration:run']);
    expect(migrate.spec.backoffLimit).toBeGreaterThanOrEqual(1);
    expect(migrate.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
    expect(podSpecOf(migrate).restartPolicy).toBe('Never');
    // Argo CD: a Sync hook in an earlier wave than the Deployments (wave 0), after the config it reads.
    const annotations = migrate.metadata.annotations ?? {};
    expect(annotations['argocd.argoproj.io/hook']).toBe('Sync');
    expect(Number(annotations['argocd.argoproj.io/sync-wave'])).toBeLessThan(0);
    for (const workload of workloads.filter((w) => w.kind === 'Deployment')) {
      expect(Number(workload.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0)).toBeGreaterThan(
        Number(annotations['argocd.argoproj.io/sync-wave']),
      );
    }
  });
});

describe('deploy/k8s: every Deployment and Job', () => {
  it.each(workloads.map((workload) => [`${workload.kind} ${workload.metadata.name}`, workload] as const))(
    '%s runs non-root on a read-only root filesystem, with /tmp on an emptyDir',
    (_, workload) => {
      const pod = podSpecOf(workload);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
        // The container's own context overrides the pod's, field by field.
        const effective = { ...pod.securityContext, ...container.securityContext };
        expect(effective.runAsNonRoot).toBe(true);
        expect(effective.runAsUser).toBe(1000);
        expect(effective.allowPrivilegeEscalation).toBe(false);
        expect(effective.readOnlyRootFilesystem).toBe(true);
        expect(effective.capabilities?.drop).toContain('ALL');
        expect(effective.seccompProfile?.type).toBe('RuntimeDefault');

        const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
        expect(pod.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir).toBeDefined();
        expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
        expect(Object.keys(container.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
        expect(container.envFrom).toEqual([{ configMapRef: { name: 'nexus-config' } }, { secretRef: { name: 'nexus-secrets' } }]);
      }
    },
  );

  it('uses the image without a tag: the overlays set it', () => {
    for (const workload of workloads) {
      for (const container of podSpecOf(workload).containers) expect(container.image).toBe(IMAGE);
    }
  });
});

describe('deploy/k8s: configuration', () => {
  it('generates the nexus-config ConfigMap with the non-secret environment only', () => {
    expect(configEnv).toMatchObject({
      NODE_ENV: 'production',
      DATABASE_AUTO_MIGRATE: 'false',
      WORKER_IN_PROCESS: 'false',
      SHUTDOWN_TIMEOUT: expect.stringMatching(/^\d+s$/),
      TRUST_PROXY: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+\/\d+$/),
      METRICS_ALLOW: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+\/\d+$/),
    });
    for (const key of SECRET_KEYS) expect(configEnv).not.toHaveProperty(key);
  });

  it('commits no Secret manifest: the overlays generate nexus-secrets from a git-ignored env file', () => {
    const committed = yamlFiles.flatMap((file) => parseAll(join(k8s, file)) as Manifest[]);
    expect(committed.filter((doc) => doc.kind === 'Secret')).toEqual([]);
  });
});

describe.each(OVERLAYS)('deploy/k8s/overlays/%s', (overlay) => {
  const dir = join(k8s, 'overlays', overlay);
  const own = kustomization(join('overlays', overlay));

  it('deploys the base into its own namespace with a tagged image', () => {
    expect(own.namespace).toBe(`nexus-${overlay}`);
    expect(own.resources).toContain('../../base');
    const image = own.images?.find((entry) => entry.name === IMAGE);
    expect(image?.newTag).toMatch(/^[\w][\w.-]{0,127}$/);
    expect(image?.newTag).not.toBe('latest');
  });

  it('keeps the HPA floor equal to the API replicas and never touches the security context', () => {
    const apiReplicas = own.replicas?.find((entry) => entry.name === 'nexus-api')?.count ?? api.spec.replicas;
    const patchFiles = (own.patches ?? []).flatMap((patch) => (patch.path ? [join(dir, patch.path)] : []));
    for (const file of patchFiles) expect(existsSync(file)).toBe(true);
    const patched = patchFiles.flatMap((file) => parseAll(file) as Manifest[]);
    const hpa = patched.find((doc) => doc.kind === 'HorizontalPodAutoscaler');
    expect(hpa?.spec.minReplicas ?? resource('HorizontalPodAutoscaler', 'nexus-api').spec.minReplicas).toBe(apiReplicas);
    for (const file of filesUnder(dir)) expect(readFileSync(file, 'utf8')).not.toMatch(/securityContext|runAsUser|privileged/);
  });

  it('generates nexus-secrets from secret.env, which git ignores, and ships only a placeholder template', () => {
    expect(own.secretGenerator).toEqual([expect.objectContaining({ name: 'nexus-secrets', envs: ['secret.env'] })]);
    const ignored = spawnSync('git', ['check-ignore', '-q', relative(root, join(dir, 'secret.env'))], { cwd: root });
    expect(ignored.status).toBe(0);

    const template = parseEnvFile(join(dir, 'secret.env.example'));
    expect(Object.keys(template).sort()).toEqual([...SECRET_KEYS].sort());
    for (const value of Object.values(template)) expect(value).toContain(PLACEHOLDER);
    // Every credential in a URL is the placeholder, and the JWT key is too short to start Nexus with.
    for (const url of [template.DATABASE_URL, template.REDIS_URL]) expect(/^[a-z]+:\/\/[^:@/]*:([^@]*)@/.exec(url)?.[1]).toBe(PLACEHOLDER);
    expect(Buffer.byteLength(template.JWT_ACCESS_SECRET)).toBeLessThan(32);
  });
});
