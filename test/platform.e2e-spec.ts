import { DataSource } from 'typeorm';
import { EchoFixtureModule } from './fixtures/echo.module';
import { startTestApp, TestApp } from './support/test-app';
import { testTarget } from './support/test-database';

const PROBLEM = 'application/problem+json';

describe(`platform pipeline (${testTarget()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ modules: [EchoFixtureModule] });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('health', () => {
    it('serves liveness with a request id', async () => {
      const res = await t.http.get('/health/live');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('reports readiness of every dependency of this mode', async () => {
      const res = await t.http.get('/health/ready');
      expect(res.status).toBe(200);
      expect(res.body.checks.database.status).toBe('up');
      expect(res.body.details.requestLog).toMatchObject({ dropped: 0, lastError: null });
      if (testTarget() === 'embedded') {
        expect(res.body.mode).toBe('embedded');
        expect(res.body.checks.redis).toBeUndefined();
      } else {
        expect(res.body.mode).toBe('services');
        expect(res.body.checks.redis.status).toBe('up');
      }
    });
  });

  describe('readiness when the database is gone', () => {
    let gone: TestApp;
    let typeormLog: jest.SpyInstance;

    beforeAll(async () => {
      gone = await startTestApp();
      // TypeORM prints every query that fails on the closed connection with console.log.
      typeormLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      await gone.app.get(DataSource).destroy();
    });
    afterAll(async () => {
      await gone?.close();
      typeormLog?.mockRestore();
    });

    it('answers 503 not_ready as problem+json, naming the database, while liveness stays 200', async () => {
      const res = await gone.http.get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body).toMatchObject({ status: 503, code: 'not_ready', detail: 'Not ready: database is down' });
      expect(res.body.checks.database.status).toBe('down');
      expect((await gone.http.get('/health/live')).status).toBe(200);
    });
  });

  describe('documentation', () => {
    it('serves Swagger UI at /docs and OpenAPI 3 JSON with the bearer scheme at /docs-json', async () => {
      const ui = await t.http.get('/docs');
      expect(ui.status).toBe(200);
      expect(ui.text).toContain('swagger-ui');
      const doc = await t.http.get('/docs-json');
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toMatch(/^3\./);
      expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.body.paths['/health/live'].get.responses['500'].content[PROBLEM]).toBeDefined();
    });

    it('documents every operation: an id and summary, a success answer, a request schema, and problem+json errors with examples', async () => {
      const { paths } = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, any>> };
      const gaps: string[] = [];
      for (const [path, item] of Object.entries(paths)) {
        if (path.startsWith('/api/v1/test-fixtures/')) continue; // this suite's own routes, not the product's
        for (const [method, operation] of Object.entries(item)) {
          const where = `${method.toUpperCase()} ${path}`;
          if (!operation.operationId || !operation.summary) gaps.push(`${where}: operationId or summary`);
          const statuses = Object.keys(operation.responses ?? {});
          if (!statuses.some((status) => /^[23]\d\d$/.test(status))) gaps.push(`${where}: no success response`);
          for (const status of ['400', '403', '429', '500']) if (!statuses.includes(status)) gaps.push(`${where}: no ${status}`);
          for (const status of statuses.filter((s) => /^[45]\d\d$/.test(s))) {
            const problem = operation.responses[status].content?.[PROBLEM];
            if (!problem?.schema || !problem.example) gaps.push(`${where}: ${status} without a problem+json schema and example`);
          }
          const body = operation.requestBody?.content;
          if (body && !Object.values(body).every((media: any) => media.schema)) gaps.push(`${where}: request body without a schema`);
        }
      }
      expect(gaps).toEqual([]);
    });

    it('documents security exactly as the global guard enforces it', async () => {
      const { paths } = (await t.http.get('/docs-json')).body;
      expect(paths['/api/v1/auth/me'].get.security).toEqual([{ bearer: [] }]);
      expect(paths['/api/v1/organizations/current/members'].post.security).toEqual([{ bearer: [] }]);
      expect(paths['/api/v1/auth/login'].post.security).toEqual([{}]);
      expect(paths['/health/ready'].get.security).toEqual([{}]);
      const unguarded = await t.http.get('/api/v1/organizations/current');
      expect(unguarded.status).toBe(401);
    });
  });

  describe('errors are problem+json', () => {
    it('an unknown route is a 404 problem', async () => {
      const res = await t.http.get('/api/v1/does-not-exist?x=1');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body).toMatchObject({ status: 404, title: 'Not Found', instance: '/api/v1/does-not-exist' });
      expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
      expect(res.body.type).toMatch(/not-found$/);
    });

    it('malformed JSON is a 400 problem', async () => {
      const res = await t.http.request('POST', '/api/v1/test-fixtures/echo', {
        rawBody: '{"email": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.detail).toMatch(/JSON/);
    });

    it('an unknown body field is a 400 naming the field', async () => {
      const res = await t.http.post('/api/v1/test-fixtures/echo', { email: 'a@example.com', lines: [], role: 'owner' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.errors).toEqual([{ field: 'role', message: 'property role is not allowed' }]);
      expect(res.body.code).toBe('validation_failed');
    });

    it('nested validation errors carry their path', async () => {
      const res = await t.http.post('/api/v1/test-fixtures/echo', { email: 'nope', lines: [{ description: 'ok', quantity: -1 }] });
      expect(res.status).toBe(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['email', 'lines[0].quantity']);
    });

    it('a 2 MB body is a 413 problem', async () => {
      const big = JSON.stringify({ email: 'a@example.com', lines: [], pad: 'x'.repeat(2 * 1024 * 1024) });
      const res = await t.http.request('POST', '/api/v1/test-fixtures/echo', {
        rawBody: big,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.status).toBe(413);
    });

    it('a 500 hides the internals and carries the request id', async () => {
      const res = await t.http.get('/api/v1/test-fixtures/boom');
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.text).not.toMatch(/SELECT|driver|secret|at .*\.ts/);
      expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
    });
  });

  describe('pagination', () => {
    it('pages with meta and sorts against the allow-list', async () => {
      const res = await t.http.get('/api/v1/test-fixtures/items?page=3&limit=20&sort=-name');
      expect(res.status).toBe(200);
      expect(res.body.data).toHaveLength(5);
      expect(res.body.meta).toEqual({ page: 3, limit: 20, total: 45, totalPages: 3 });
      expect(res.body.sort).toEqual([{ field: 'name', direction: 'DESC' }]);
    });

    it('rejects a limit above 100 and an unknown sort field', async () => {
      const tooMany = await t.http.get('/api/v1/test-fixtures/items?limit=101');
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors[0].field).toBe('limit');
      const badSort = await t.http.get('/api/v1/test-fixtures/items?sort=password');
      expect(badSort.status).toBe(400);
      expect(badSort.body.errors[0]).toMatchObject({ field: 'sort' });
    });
  });

  describe('request ids', () => {
    it('ignores X-Request-Id from an untrusted peer', async () => {
      const res = await t.http.get('/health/live', { headers: { 'x-request-id': 'spoofed-id-123' } });
      expect(res.headers.get('x-request-id')).not.toBe('spoofed-id-123');
    });

    it('keeps X-Request-Id from a trusted proxy', async () => {
      const proxied = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
      try {
        const res = await proxied.http.get('/health/live', { headers: { 'x-request-id': 'edge-abc-123' } });
        expect(res.headers.get('x-request-id')).toBe('edge-abc-123');
        const invalid = await proxied.http.get('/health/live', { headers: { 'x-request-id': 'bad id with spaces' } });
        expect(invalid.headers.get('x-request-id')).not.toBe('bad id with spaces');
      } finally {
        await proxied.close();
      }
    });
  });
});
