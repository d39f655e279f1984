import {
  addMember,
  AddedMember,
  expectNoSecrets,
  expectProblem,
  loginSession,
  PASSWORD,
  registerUser,
  RegisteredUser,
  uniqueEmail,
} from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

const ORG = '/api/v1/organizations/current';
const MEMBERS = `${ORG}/members`;

describe(`organizations (${testTarget()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('roles', () => {
    let owner: RegisteredUser;
    let viewer: AddedMember;
    let viewerToken: string;

    beforeAll(async () => {
      owner = await registerUser(t.http);
      viewer = await addMember(t.http, owner.accessToken, 'viewer');
      viewerToken = (await loginSession(t.http, viewer.email, viewer.password)).accessToken;
    });

    it('an owner adds a member with an initial password (201), who can then log in with that role', async () => {
      const email = uniqueEmail('accountant');
      const res = await t.http.post(
        MEMBERS,
        { email, name: 'Grace', role: 'accountant', password: PASSWORD },
        { token: owner.accessToken },
      );
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        userId: expect.any(String),
        email,
        name: 'Grace',
        role: 'accountant',
        status: 'active',
        joinedAt: expect.any(String),
      });
      expectNoSecrets(res);
      const session = await loginSession(t.http, email, PASSWORD);
      expect(session.role).toBe('accountant');
      expect(session.organization.id).toBe(owner.organizationId);
    });

    it('a viewer cannot change the organization (403)', async () => {
      expectProblem(await t.http.patch(ORG, { name: 'Hijacked' }, { token: viewerToken }), 403, 'role_required');
    });

    it('a viewer cannot add members (403)', async () => {
      const res = await t.http.post(
        MEMBERS,
        { email: uniqueEmail(), name: 'X', role: 'viewer', password: PASSWORD },
        { token: viewerToken },
      );
      expectProblem(res, 403, 'role_required');
    });

    it.each(['viewer', 'accountant'] as const)('a %s cannot change a role or remove a member (403), and nothing changes', async (role) => {
      const caller = role === 'viewer' ? viewer : await addMember(t.http, owner.accessToken, 'accountant');
      const token = (await loginSession(t.http, caller.email, caller.password)).accessToken;
      const target = await addMember(t.http, owner.accessToken, 'viewer');
      expectProblem(await t.http.patch(`${MEMBERS}/${target.userId}`, { role: 'admin' }, { token }), 403, 'role_required');
      expectProblem(await t.http.delete(`${MEMBERS}/${target.userId}`, { token }), 403, 'role_required');
      const members = (await t.http.get(`${MEMBERS}?limit=100`, { token: owner.accessToken })).body.data;
      expect(members.find((m: { userId: string }) => m.userId === target.userId)).toMatchObject({ role: 'viewer' });
    });

    it('a viewer can read the members (200)', async () => {
      const res = await t.http.get(MEMBERS, { token: viewerToken });
      expect(res.status).toBe(200);
      expect(res.body.data.map((m: { userId: string }) => m.userId)).toEqual(expect.arrayContaining([owner.userId, viewer.userId]));
    });

    it('an accountant cannot change the organization (403)', async () => {
      const accountant = await addMember(t.http, owner.accessToken, 'accountant');
      const token = (await loginSession(t.http, accountant.email, accountant.password)).accessToken;
      expectProblem(await t.http.patch(ORG, { name: 'Hijacked' }, { token }), 403, 'role_required');
      expect((await t.http.get(ORG, { token: owner.accessToken })).body.name).not.toBe('Hijacked');
    });

    it('an admin cannot add an owner (403 owner_required)', async () => {
      const admin = await addMember(t.http, owner.accessToken, 'admin');
      const token = (await loginSession(t.http, admin.email, admin.password)).accessToken;
      const res = await t.http.post(MEMBERS, { email: uniqueEmail(), name: 'Usurper', role: 'owner', password: PASSWORD }, { token });
      expectProblem(res, 403, 'owner_required');
      expectProblem(await t.http.patch(`${MEMBERS}/${admin.userId}`, { role: 'owner' }, { token }), 403, 'owner_required');
      expectProblem(await t.http.patch(`${MEMBERS}/${owner.userId}`, { role: 'admin' }, { token }), 403, 'owner_required');
    });

    it('an admin cannot touch an owner, even with a no-op role change, and the owner keeps their sessions', async () => {
      const org = await registerUser(t.http);
      const admin = await addMember(t.http, org.accessToken, 'admin');
      const adminToken = (await loginSession(t.http, admin.email, admin.password)).accessToken;
      // Admins may not touch an owner at all, even to "set" the role it already has.
      expectProblem(await t.http.patch(`${MEMBERS}/${org.userId}`, { role: 'owner' }, { token: adminToken }), 403, 'owner_required');
      expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: org.refreshToken })).status).toBe(200);
    });

    it('a member whose role changed must log in again: their refresh tokens are revoked', async () => {
      const member = await addMember(t.http, owner.accessToken, 'viewer');
      const session = await loginSession(t.http, member.email, member.password);
      const res = await t.http.patch(`${MEMBERS}/${member.userId}`, { role: 'accountant' }, { token: owner.accessToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ userId: member.userId, role: 'accountant' }));
      expectProblem(await t.http.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken }), 401);
      expect((await loginSession(t.http, member.email, member.password)).role).toBe('accountant');
    });
  });

  describe('tenancy', () => {
    let ownerA: RegisteredUser;
    let ownerB: RegisteredUser;
    let memberB: AddedMember;

    beforeAll(async () => {
      ownerA = await registerUser(t.http);
      ownerB = await registerUser(t.http);
      memberB = await addMember(t.http, ownerB.accessToken, 'viewer');
    });

    it("an owner cannot change the role of another organization's member (404)", async () => {
      const res = await t.http.patch(`${MEMBERS}/${memberB.userId}`, { role: 'admin' }, { token: ownerA.accessToken });
      expectProblem(res, 404, 'not_found');
      const listB = await t.http.get(MEMBERS, { token: ownerB.accessToken });
      expect(listB.body.data.find((m: { userId: string }) => m.userId === memberB.userId).role).toBe('viewer');
    });

    it("an owner cannot remove another organization's member or owner (404)", async () => {
      expectProblem(await t.http.delete(`${MEMBERS}/${memberB.userId}`, { token: ownerA.accessToken }), 404, 'not_found');
      expectProblem(await t.http.delete(`${MEMBERS}/${ownerB.userId}`, { token: ownerA.accessToken }), 404, 'not_found');
      expect((await loginSession(t.http, memberB.email, memberB.password)).role).toBe('viewer');
    });

    it("the member list holds only the caller's organization", async () => {
      const res = await t.http.get(MEMBERS, { token: ownerA.accessToken });
      expect(res.status).toBe(200);
      const ids = res.body.data.map((m: { userId: string }) => m.userId);
      expect(ids).toEqual([ownerA.userId]);
      expect(res.body.meta.total).toBe(1);
      expect(res.text).not.toContain(memberB.email);
      expect(res.text).not.toContain(ownerB.email);
    });

    it('the member list refuses an organizationId query parameter (400)', async () => {
      const res = await t.http.get(`${MEMBERS}?organizationId=${ownerB.organizationId}`, { token: ownerA.accessToken });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'organizationId', message: 'property organizationId is not allowed' }]);
    });

    it('the member list has no sort order to choose: sort is refused (400), not ignored', async () => {
      const res = await t.http.get(`${MEMBERS}?sort=-email`, { token: ownerA.accessToken });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'sort', message: 'property sort is not allowed' }]);
    });

    it('a malformed member id is a 400, not a lookup', async () => {
      expectProblem(await t.http.patch(`${MEMBERS}/not-a-uuid`, { role: 'admin' }, { token: ownerA.accessToken }), 400);
    });
  });

  describe('the last owner', () => {
    let owner: RegisteredUser;

    beforeAll(async () => {
      owner = await registerUser(t.http);
    });

    it('cannot demote themselves (409 last_owner)', async () => {
      expectProblem(await t.http.patch(`${MEMBERS}/${owner.userId}`, { role: 'admin' }, { token: owner.accessToken }), 409, 'last_owner');
    });

    it('cannot be removed (409 last_owner)', async () => {
      expectProblem(await t.http.delete(`${MEMBERS}/${owner.userId}`, { token: owner.accessToken }), 409, 'last_owner');
      expect((await t.http.get('/api/v1/auth/me', { token: owner.accessToken })).status).toBe(200);
    });

    it('two owners demoting each other at once leave exactly one owner', async () => {
      for (let round = 0; round < 3; round++) {
        const first = await registerUser(t.http);
        const second = await addMember(t.http, first.accessToken, 'owner');
        const secondToken = (await loginSession(t.http, second.email, second.password)).accessToken;
        const answers = await Promise.all([
          t.http.patch(`${MEMBERS}/${second.userId}`, { role: 'admin' }, { token: first.accessToken }),
          t.http.patch(`${MEMBERS}/${first.userId}`, { role: 'admin' }, { token: secondToken }),
        ]);
        expect(answers.filter((res) => res.status === 200)).toHaveLength(1);
        for (const refused of answers.filter((res) => res.status !== 200)) expect([403, 409]).toContain(refused.status);
        const members = (await t.http.get(MEMBERS, { token: first.accessToken })).body.data;
        expect(members.filter((m: { role: string }) => m.role === 'owner')).toHaveLength(1);
      }
    });

    it('can step down once there is a second owner', async () => {
      await addMember(t.http, owner.accessToken, 'owner');
      const res = await t.http.patch(`${MEMBERS}/${owner.userId}`, { role: 'admin' }, { token: owner.accessToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ userId: owner.userId, role: 'admin' }));
    });
  });

  describe('removing a member', () => {
    it('deletes their account and its sessions', async () => {
      const owner = await registerUser(t.http);
      const member = await addMember(t.http, owner.accessToken, 'accountant');
      const session = await loginSession(t.http, member.email, member.password);
      const res = await t.http.delete(`${MEMBERS}/${member.userId}`, { token: owner.accessToken });
      expect(res.status).toBe(204);
      const list = await t.http.get(MEMBERS, { token: owner.accessToken });
      expect(list.body.data.map((m: { userId: string }) => m.userId)).toEqual([owner.userId]);
      expectProblem(await t.http.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken }), 401);
      expectProblem(
        await t.http.post('/api/v1/auth/login', { email: member.email, password: member.password }),
        401,
        'invalid_credentials',
      );
    });
  });

  describe('a role change or removal takes effect at once, not when the access token expires', () => {
    const addAs = (token: string) =>
      t.http.post(MEMBERS, { email: uniqueEmail('planted'), name: 'Planted', role: 'admin', password: PASSWORD }, { token });

    it("a demoted admin's access token can no longer manage members (403), and its reads see the new role", async () => {
      const owner = await registerUser(t.http);
      const admin = await addMember(t.http, owner.accessToken, 'admin');
      const token = (await loginSession(t.http, admin.email, admin.password)).accessToken;
      expect((await t.http.get(MEMBERS, { token })).status).toBe(200);
      expect((await t.http.patch(`${MEMBERS}/${admin.userId}`, { role: 'viewer' }, { token: owner.accessToken })).status).toBe(200);
      expectProblem(await addAs(token), 403, 'role_required');
      expectProblem(await t.http.patch(ORG, { name: 'Taken over' }, { token }), 403, 'role_required');
      expect((await t.http.get('/api/v1/auth/me', { token })).body.role).toBe('viewer');
    });

    it("a removed admin's access token cannot plant a new account in the organization (401 account_inactive)", async () => {
      const owner = await registerUser(t.http);
      const admin = await addMember(t.http, owner.accessToken, 'admin');
      const token = (await loginSession(t.http, admin.email, admin.password)).accessToken;
      expect((await t.http.delete(`${MEMBERS}/${admin.userId}`, { token: owner.accessToken })).status).toBe(204);
      expectProblem(await addAs(token), 401, 'account_inactive');
      const members = await t.http.get(MEMBERS, { token: owner.accessToken });
      expect(members.body.data.map((m: { userId: string }) => m.userId)).toEqual([owner.userId]);
    });

    it('a viewer promoted to accountant may write with the token they already hold', async () => {
      const owner = await registerUser(t.http);
      const viewer = await addMember(t.http, owner.accessToken, 'viewer');
      const token = (await loginSession(t.http, viewer.email, viewer.password)).accessToken;
      const customer = { name: 'Promoted Customer', currency: 'EUR' };
      expectProblem(await t.http.post('/api/v1/customers', customer, { token }), 403, 'role_required');
      expect((await t.http.patch(`${MEMBERS}/${viewer.userId}`, { role: 'accountant' }, { token: owner.accessToken })).status).toBe(200);
      expect((await t.http.post('/api/v1/customers', customer, { token })).status).toBe(201);
    });
  });

  describe('member list', () => {
    let owner: RegisteredUser;

    beforeAll(async () => {
      owner = await registerUser(t.http, { name: 'Alice Owner' });
      await addMember(t.http, owner.accessToken, 'admin', 'Bob Admin');
      await addMember(t.http, owner.accessToken, 'viewer', 'Carol Viewer');
    });

    it('is paginated with meta and ordered by name', async () => {
      const first = await t.http.get(`${MEMBERS}?page=1&limit=2`, { token: owner.accessToken });
      expect(first.status).toBe(200);
      expect(first.body.meta).toEqual({ page: 1, limit: 2, total: 3, totalPages: 2 });
      expect(first.body.data.map((m: { name: string }) => m.name)).toEqual(['Alice Owner', 'Bob Admin']);
      const second = await t.http.get(`${MEMBERS}?page=2&limit=2`, { token: owner.accessToken });
      expect(second.body.meta).toEqual({ page: 2, limit: 2, total: 3, totalPages: 2 });
      expect(second.body.data.map((m: { name: string }) => m.name)).toEqual(['Carol Viewer']);
      expectNoSecrets(first);
      expectNoSecrets(second);
    });

    it('refuses a limit above 100 (400)', async () => {
      const res = await t.http.get(`${MEMBERS}?limit=101`, { token: owner.accessToken });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors[0].field).toBe('limit');
    });
  });

  describe('organization settings', () => {
    let owner: RegisteredUser;

    beforeAll(async () => {
      owner = await registerUser(t.http);
    });

    it('refuses an unknown time zone, naming the field (400)', async () => {
      const res = await t.http.patch(ORG, { timeZone: 'Mars/Olympus' }, { token: owner.accessToken });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'timeZone', message: expect.stringMatching(/IANA time zone/) }]);
    });

    it('accepts an IANA time zone and a new name (200)', async () => {
      const res = await t.http.patch(ORG, { timeZone: 'Europe/Berlin', name: 'Engines GmbH' }, { token: owner.accessToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ id: owner.organizationId, timeZone: 'Europe/Berlin', name: 'Engines GmbH' }));
      const current = await t.http.get(ORG, { token: owner.accessToken });
      expect(current.body).toEqual(expect.objectContaining({ timeZone: 'Europe/Berlin', name: 'Engines GmbH' }));
    });

    it.each([['name'], ['timeZone']])('refuses a null %s (400), leaving the organization unchanged', async (field) => {
      const res = await t.http.patch(ORG, { [field]: null }, { token: owner.accessToken });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors.length).toBeGreaterThan(0);
      expect(res.body.errors.every((e: { field: string }) => e.field === field)).toBe(true);
      expect((await t.http.get(ORG, { token: owner.accessToken })).body[field]).toEqual(expect.any(String));
    });
  });

  describe('GET /auth/me is served from a cache that every change forgets', () => {
    it('shows a renamed organization, a changed role and a removed member at once', async () => {
      const owner = await registerUser(t.http);
      const member = await addMember(t.http, owner.accessToken, 'viewer');
      const memberToken = (await loginSession(t.http, member.email, member.password)).accessToken;
      const me = () => t.http.get('/api/v1/auth/me', { token: memberToken });
      // Twice: the second answer comes from the cache.
      for (let i = 0; i < 2; i += 1)
        expect((await me()).body).toMatchObject({ role: 'viewer', organization: { id: owner.organizationId } });

      expect((await t.http.patch(ORG, { name: 'Renamed Engines' }, { token: owner.accessToken })).status).toBe(200);
      expect((await me()).body.organization.name).toBe('Renamed Engines');

      expect((await t.http.patch(`${MEMBERS}/${member.userId}`, { role: 'accountant' }, { token: owner.accessToken })).status).toBe(200);
      expect((await me()).body.role).toBe('accountant');

      expect((await t.http.delete(`${MEMBERS}/${member.userId}`, { token: owner.accessToken })).status).toBe(204);
      expectProblem(await me(), 404);
    });
  });
});
