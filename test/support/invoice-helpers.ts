import { randomUUID } from 'node:crypto';
import { addMember, loginSession, OrgRole, registerUser, RegisteredUser } from './auth-helpers';
import { HttpClient, HttpResponse } from './http';

export const API = '/api/v1';

/** An organization with a token per role. */
export interface Org {
  owner: RegisteredUser;
  organizationId: string;
  tokens: Record<OrgRole, string>;
}

export async function createOrg(http: HttpClient, roles: OrgRole[] = ['viewer', 'accountant', 'admin']): Promise<Org> {
  const owner = await registerUser(http);
  const tokens = { owner: owner.accessToken } as Record<OrgRole, string>;
  for (const role of roles) {
    const member = await addMember(http, owner.accessToken, role);
    tokens[role] = (await loginSession(http, member.email, member.password)).accessToken;
  }
  return { owner, organizationId: owner.organizationId, tokens };
}

/** Sets the organization's time zone (owner). */
export async function setTimeZone(http: HttpClient, token: string, timeZone: string): Promise<void> {
  const res = await http.patch(`${API}/organizations/current`, { timeZone }, { token });
  if (res.status !== 200) throw new Error(`timeZone answered ${res.status}: ${res.text}`);
}

function expectStatus(res: HttpResponse, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what} answered ${res.status} (expected ${status}): ${res.text}`);
}

export async function createCustomer(http: HttpClient, token: string, body: Record<string, unknown> = {}): Promise<any> {
  const res = await http.post(
    `${API}/customers`,
    { name: 'Babbage & Co', email: 'billing@babbage.example', currency: 'USD', ...body },
    { token },
  );
  expectStatus(res, 201, 'create customer');
  return res.body;
}

export async function createTaxRate(
  http: HttpClient,
  token: string,
  percentage: number,
  inclusive = false,
  name = `VAT ${percentage}`,
): Promise<any> {
  const res = await http.post(`${API}/tax-rates`, { name, percentage, inclusive }, { token });
  expectStatus(res, 201, 'create tax rate');
  return res.body;
}

export function line(unitAmount: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { description: 'Difference engine maintenance', quantity: '1', unitAmount, ...extra };
}

export async function createDraft(http: HttpClient, token: string, customerId: string, body: Record<string, unknown> = {}): Promise<any> {
  const res = await http.post(`${API}/invoices`, { customerId, lines: [line(10_000)], ...body }, { token });
  expectStatus(res, 201, 'create invoice');
  return res.body;
}

export async function finalize(http: HttpClient, token: string, id: string): Promise<any> {
  const res = await http.post(`${API}/invoices/${id}/finalize`, undefined, { token });
  expectStatus(res, 200, 'finalize');
  return res.body;
}

export async function pay(http: HttpClient, token: string, id: string, amount: number): Promise<HttpResponse> {
  return http.post(`${API}/invoices/${id}/payments`, { amount, method: 'bank_transfer' }, { token });
}

/** An open invoice of `total` minor units (one line, no tax). */
export async function openInvoice(
  http: HttpClient,
  token: string,
  customerId: string,
  total = 10_000,
  body: Record<string, unknown> = {},
): Promise<any> {
  const draft = await createDraft(http, token, customerId, { lines: [line(total)], ...body });
  return finalize(http, token, draft.id);
}

/** The raw bytes of a GET (the HttpClient reads bodies as text). */
export async function getBytes(baseUrl: string, path: string, token: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

export const uuid = (): string => randomUUID();
