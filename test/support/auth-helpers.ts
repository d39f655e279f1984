import jwt from 'jsonwebtoken';
import { randomBytes } from 'node:crypto';
import { HttpClient, HttpResponse, RequestOptions } from './http';
import { TEST_JWT_SECRET } from './test-app';

/** Long and uncommon enough for the password policy; never contains a test email's local part. */
export const PASSWORD = 'violet-otter-drives-42-trams';
export const OTHER_PASSWORD = 'compiler-bugs-in-1947-moth';
export const PROBLEM = 'application/problem+json';

/** Strings no response body may ever contain. */
export const SECRET_MARKERS = ['$argon2', 'passwordHash', 'tokenHash'];

export type OrgRole = 'owner' | 'admin' | 'accountant' | 'viewer';

/** A fresh address per call, so tests sharing one app never collide. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.com`;
}

export interface RegisteredUser {
  session: any;
  email: string;
  password: string;
  userId: string;
  organizationId: string;
  accessToken: string;
  refreshToken: string;
}

export interface RegisterOverrides {
  email?: string;
  password?: string;
  name?: string;
  organizationName?: string;
}

/** Signs up a new owner with their own organization; fails the test unless it answers 201. */
export async function registerUser(
  http: HttpClient,
  overrides: RegisterOverrides = {},
  options: RequestOptions = {},
): Promise<RegisteredUser> {
  const body = {
    email: overrides.email ?? uniqueEmail('owner'),
    password: overrides.password ?? PASSWORD,
    name: overrides.name ?? 'Ada Lovelace',
    organizationName: overrides.organizationName ?? `Engines ${randomBytes(3).toString('hex')}`,
  };
  const res = await http.post('/api/v1/auth/register', body, options);
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${res.text}`);
  return {
    session: res.body,
    email: body.email,
    password: body.password,
    userId: res.body.user.id,
    organizationId: res.body.organization.id,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
  };
}

export interface AddedMember {
  email: string;
  password: string;
  userId: string;
}

/** Adds a member with an initial password to the caller's organization; fails the test unless it answers 201. */
export async function addMember(http: HttpClient, ownerToken: string, role: OrgRole, name = `Member ${role}`): Promise<AddedMember> {
  const email = uniqueEmail(role);
  const res = await http.post('/api/v1/organizations/current/members', { email, name, role, password: PASSWORD }, { token: ownerToken });
  if (res.status !== 201) throw new Error(`add member answered ${res.status}: ${res.text}`);
  return { email, password: PASSWORD, userId: res.body.userId };
}

export function login(http: HttpClient, email: string, password: string, query = ''): Promise<HttpResponse> {
  return http.post(`/api/v1/auth/login${query}`, { email, password });
}

/** Logs in and returns the session body; fails the test unless it answers 200. */
export async function loginSession(http: HttpClient, email: string, password: string): Promise<any> {
  const res = await login(http, email, password);
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${res.text}`);
  return res.body;
}

export interface ForgeOptions {
  secret?: string;
  algorithm?: 'HS256' | 'HS384' | 'HS512' | 'none';
  /** null leaves the token without that claim. */
  issuer?: string | null;
  audience?: string | null;
  /** Lifetime from now; null leaves the token without an exp claim. */
  expiresInSeconds?: number | null;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * An access token built outside the app: by default exactly what the app would
 * issue (HS256, test secret, iss nexus, aud nexus-api, 5 minutes), so each test
 * changes one thing. `claims` win over the defaults (e.g. an `exp` in the past).
 */
export function forgeToken(claims: Record<string, unknown>, options: ForgeOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const lifetime = options.expiresInSeconds === undefined ? 300 : options.expiresInSeconds;
  const payload = {
    iat: now,
    ...(options.issuer === null ? {} : { iss: options.issuer ?? 'nexus' }),
    ...(options.audience === null ? {} : { aud: options.audience ?? 'nexus-api' }),
    ...(lifetime === null ? {} : { exp: now + lifetime }),
    ...claims,
  };
  const algorithm = options.algorithm ?? 'HS256';
  if (algorithm === 'none') return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
  return jwt.sign(payload, options.secret ?? TEST_JWT_SECRET, { algorithm, noTimestamp: true });
}

/** The value of cookie `name` among Set-Cookie headers, with its attributes. */
export function findSetCookie(res: HttpResponse, name: string): string | undefined {
  return res.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
}

export function cookieValue(setCookie: string | undefined): string {
  if (!setCookie) throw new Error('cookie not set');
  return setCookie.split(';')[0].split('=').slice(1).join('=');
}

/** Status, problem+json content type and, when given, the machine-readable code (a failure shows the detail too). */
export function expectProblem(res: HttpResponse, status: number, code?: string): void {
  const actual = { status: res.status, contentType: res.headers.get('content-type'), code: res.body?.code, detail: res.body?.detail };
  expect(actual).toEqual({ status, contentType: expect.stringContaining(PROBLEM), code: code ?? actual.code, detail: actual.detail });
  expect(res.body.status).toBe(status);
}

export function expectNoSecrets(res: HttpResponse): void {
  for (const marker of SECRET_MARKERS) expect(res.text).not.toContain(marker);
}
