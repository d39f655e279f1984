import type { PendingRequestLog } from '@nexus/ip-tracking';
import type { DemoRole } from './demo-accounts.seeder';
import { SeededRandom } from './seeded-random';

export const DEMO_REQUEST_LOG_COUNT = 10_000;

/** Documentation addresses (RFC 5737, RFC 3849): they belong to nobody, so no real network is ever shown as an attacker. */
export const DEMO_SCANNER_IP = '203.0.113.66';
export const DEMO_BRUTE_FORCER_IP = '198.51.100.23';
const NORMAL_IPV4_COUNT = 130;
const NORMAL_IPV6_COUNT = 20;

/** Everything a scanner tries on a fresh host; all answered 404 by the API, most on the sensitive-path list. */
// prettier-ignore
const SCANNER_PATHS = [
  '/', '/.env', '/.env.production', '/.env.bak', '/api/.env', '/.git/config', '/.git/HEAD', '/.aws/credentials',
  '/wp-login.php', '/wp-admin/', '/wp-admin/setup-config.php', '/xmlrpc.php', '/phpmyadmin/', '/phpMyAdmin/index.php',
  '/pma/', '/admin', '/admin/login', '/administrator/', '/config.php', '/backup/db.sql', '/server-status',
  '/actuator/env', '/actuator/health', '/cgi-bin/luci', '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php',
  '/.DS_Store', '/boaform/admin/formLogin', '/owa/auth/logon.aspx', '/solr/admin/info/system', '/console', '/HNAP1/',
];

/**
 * Credential stuffing paced just under the anonymous login rate limit (5 a
 * minute), so every attempt reaches the password check: 401s until the IP has
 * failed AUTH_IP_FAILURE_LIMIT times (100 by default), then 429 login_refused.
 */
const BRUTE_FORCE = { attempts: 120, refusedAfter: 100, spacingMs: [12_100, 13_900] as [number, number] };

// prettier-ignore
const BROWSERS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
];

type Target = 'none' | 'invoice' | 'customer' | 'missing_invoice';

interface RequestKind {
  method: string;
  route: string;
  target: Target;
  status: number;
  weight: number;
  latencyMs: [number, number];
  /** Sent without a valid access token: no user on the log row. */
  anonymous?: boolean;
  authFailure?: string;
  throttled?: boolean;
  /** Viewers cannot write, so they never send these. */
  write?: boolean;
}

/** What the frontend does all day, weighted by how often. */
// prettier-ignore
const REQUEST_KINDS: RequestKind[] = [
  { method: 'GET', route: '/api/v1/invoices', target: 'none', status: 200, weight: 18, latencyMs: [15, 90] },
  { method: 'GET', route: '/api/v1/invoices/:id', target: 'invoice', status: 200, weight: 24, latencyMs: [4, 30] },
  { method: 'GET', route: '/api/v1/invoices/:id/events', target: 'invoice', status: 200, weight: 4, latencyMs: [5, 25] },
  { method: 'GET', route: '/api/v1/invoices/:id/payments', target: 'invoice', status: 200, weight: 4, latencyMs: [5, 25] },
  { method: 'GET', route: '/api/v1/invoices/:id/pdf', target: 'invoice', status: 200, weight: 4, latencyMs: [60, 280] },
  { method: 'GET', route: '/api/v1/customers', target: 'none', status: 200, weight: 8, latencyMs: [10, 60] },
  { method: 'GET', route: '/api/v1/customers/:id', target: 'customer', status: 200, weight: 7, latencyMs: [4, 25] },
  { method: 'GET', route: '/api/v1/tax-rates', target: 'none', status: 200, weight: 2, latencyMs: [4, 20] },
  { method: 'GET', route: '/api/v1/auth/me', target: 'none', status: 200, weight: 6, latencyMs: [3, 15] },
  { method: 'GET', route: '/api/v1/organizations/current', target: 'none', status: 200, weight: 2, latencyMs: [3, 15] },
  { method: 'GET', route: '/api/v1/organizations/current/members', target: 'none', status: 200, weight: 1, latencyMs: [5, 25] },
  { method: 'POST', route: '/api/v1/auth/refresh', target: 'none', status: 200, weight: 5, latencyMs: [8, 30], anonymous: true },
  { method: 'POST', route: '/api/v1/auth/login', target: 'none', status: 200, weight: 2, latencyMs: [70, 140], anonymous: true },
  { method: 'POST', route: '/api/v1/auth/login', target: 'none', status: 401, weight: 0.3, latencyMs: [70, 140], anonymous: true, authFailure: 'wrong_password' },
  { method: 'GET', route: '/api/v1/invoices', target: 'none', status: 401, weight: 0.4, latencyMs: [1, 4], anonymous: true, authFailure: 'token_expired' },
  { method: 'GET', route: '/api/v1/invoices/:id', target: 'missing_invoice', status: 404, weight: 0.3, latencyMs: [3, 12] },
  { method: 'GET', route: '/api/v1/invoices', target: 'none', status: 429, weight: 0.05, latencyMs: [1, 3], throttled: true },
  { method: 'POST', route: '/api/v1/invoices', target: 'none', status: 201, weight: 2, latencyMs: [20, 70], write: true },
  { method: 'POST', route: '/api/v1/invoices', target: 'none', status: 422, weight: 0.4, latencyMs: [3, 10], write: true },
  { method: 'PATCH', route: '/api/v1/invoices/:id', target: 'invoice', status: 200, weight: 1, latencyMs: [20, 60], write: true },
  { method: 'POST', route: '/api/v1/invoices/:id/finalize', target: 'invoice', status: 200, weight: 1, latencyMs: [25, 80], write: true },
  { method: 'POST', route: '/api/v1/invoices/:id/payments', target: 'invoice', status: 201, weight: 1, latencyMs: [20, 60], write: true },
  { method: 'POST', route: '/api/v1/customers', target: 'none', status: 201, weight: 0.5, latencyMs: [10, 40], write: true },
];

export interface TrafficContext {
  from: Date;
  to: Date;
  organizationId: string;
  userIds: Record<DemoRole, string>;
  invoiceIds: readonly string[];
  customerIds: readonly string[];
}

interface Client {
  ip: string;
  userId: string;
  userAgent: string;
  kinds: RequestKind[];
}

/** More traffic in American office hours (peak around 16:00 UTC), never none. */
function activity(at: number): number {
  const hour = new Date(at).getUTCHours() + new Date(at).getUTCMinutes() / 60;
  return 0.3 + 0.7 * Math.max(0, Math.cos(((hour - 16) / 24) * 2 * Math.PI));
}

function normalClients(context: TrafficContext, random: SeededRandom): Client[] {
  const reserved = new Set([DEMO_SCANNER_IP, DEMO_BRUTE_FORCER_IP]);
  const ipv4 = ['192.0.2', '198.51.100', '203.0.113']
    .flatMap((net) => Array.from({ length: 254 }, (_, i) => `${net}.${i + 1}`))
    .filter((ip) => !reserved.has(ip));
  const ipv6 = Array.from(
    { length: NORMAL_IPV6_COUNT },
    (_, i) => `2001:db8:${(0x10 + i).toString(16)}::${random.int(1, 0xffff).toString(16)}`,
  );
  const roles: { role: DemoRole; weight: number }[] = [
    { role: 'owner', weight: 2 },
    { role: 'accountant', weight: 5 },
    { role: 'viewer', weight: 3 },
  ];
  return [...random.shuffle(ipv4).slice(0, NORMAL_IPV4_COUNT), ...ipv6].map((ip) => {
    const { role } = random.weighted(roles);
    return {
      ip,
      userId: context.userIds[role],
      userAgent: random.pick(BROWSERS),
      kinds: REQUEST_KINDS.filter((kind) => role !== 'viewer' || !kind.write),
    };
  });
}

function normalRequest(client: Client, at: number, context: TrafficContext, random: SeededRandom): PendingRequestLog {
  const kind = random.weighted(client.kinds);
  const id =
    kind.target === 'invoice'
      ? random.pick(context.invoiceIds)
      : kind.target === 'customer'
        ? random.pick(context.customerIds)
        : kind.target === 'missing_invoice'
          ? random.uuid()
          : null;
  return {
    occurredAt: new Date(at),
    ip: client.ip,
    method: kind.method,
    path: id ? kind.route.replace(':id', id) : kind.route,
    route: kind.route,
    status: kind.status,
    latencyMs: random.int(...kind.latencyMs),
    userAgent: client.userAgent,
    userId: kind.anonymous ? null : client.userId,
    organizationId: kind.anonymous ? null : context.organizationId,
    blocked: false,
    throttled: kind.throttled === true,
    authFailure: kind.authFailure ?? null,
  };
}

const anonymous = { route: null, userId: null, organizationId: null, blocked: false, throttled: false, authFailure: null };

function scannerRequests(start: number, random: SeededRandom): PendingRequestLog[] {
  let at = start;
  return SCANNER_PATHS.map((path) => ({
    ...anonymous,
    occurredAt: new Date((at += random.int(400, 6_000))),
    ip: DEMO_SCANNER_IP,
    method: path === '/xmlrpc.php' ? 'POST' : 'GET',
    path,
    status: 404,
    latencyMs: random.int(1, 4),
    userAgent: 'Mozilla/5.0 zgrab/0.x',
  }));
}

function bruteForceRequests(start: number, random: SeededRandom): PendingRequestLog[] {
  let at = start;
  return Array.from({ length: BRUTE_FORCE.attempts }, (_, i) => {
    const refused = i >= BRUTE_FORCE.refusedAfter;
    return {
      ...anonymous,
      occurredAt: new Date((at += random.int(...BRUTE_FORCE.spacingMs))),
      ip: DEMO_BRUTE_FORCER_IP,
      method: 'POST',
      path: '/api/v1/auth/login',
      route: '/api/v1/auth/login',
      status: refused ? 429 : 401,
      latencyMs: refused ? random.int(1, 3) : random.int(70, 140),
      userAgent: 'python-requests/2.31.0',
      // Mostly addresses from a leaked list; now and then a real one with a wrong password.
      authFailure: refused ? 'login_refused' : i % 10 === 9 ? 'wrong_password' : 'unknown_email',
    };
  });
}

/**
 * A day of request logs in [from, to), oldest first: the frontend's ordinary
 * traffic from 150 addresses (about 65 requests a day each, far below every
 * anomaly threshold), one scanner six hours ago and one brute-forcer three
 * hours ago, each inside a single clock hour so the hourly analysis finds them too.
 */
export function demoTraffic(context: TrafficContext, random: SeededRandom): PendingRequestLog[] {
  const to = context.to.getTime();
  const span = to - context.from.getTime();
  const hourStart = (hoursAgo: number) => Math.floor((to - hoursAgo * 3_600_000) / 3_600_000) * 3_600_000;
  const attacks = [...scannerRequests(hourStart(6) + 5 * 60_000, random), ...bruteForceRequests(hourStart(3) + 10 * 60_000, random)];
  const clients = normalClients(context, random);
  const rows: PendingRequestLog[] = [];
  while (rows.length < DEMO_REQUEST_LOG_COUNT - attacks.length) {
    const at = context.from.getTime() + Math.floor(random.next() * span);
    if (random.next() < activity(at)) rows.push(normalRequest(random.pick(clients), at, context, random));
  }
  return [...rows, ...attacks].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}
