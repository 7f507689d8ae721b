/**
 * Whole-app behaviour: health, request ids, the OpenAPI document, the error contract on every
 * route, and what may never appear in a response or a log line.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { ERROR_CODES } from '../../types/errors';
import { DEMO_PASSWORD, demoAccount } from '../../mocks/campus/demo-accounts';
import { readVersion } from './config';
import { TEST_DIALECTS, bearer, createTestApp, login, type TestApp } from './test/test-app';

interface OpenApiOperation {
  security?: unknown[];
  requestBody?: unknown;
  parameters?: { in: string; name: string }[];
  responses: Record<string, unknown>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown> };
}

function expectErrorContract(response: LightMyRequestResponse, context: string): void {
  const where = `${context} → ${response.statusCode} ${response.body.slice(0, 200)}`;
  expect({ where, clientError: response.statusCode >= 400 && response.statusCode < 500 }).toEqual({
    where,
    clientError: true,
  });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json();
  expect({ where, code: ERROR_CODES.includes(body.code), message: typeof body.message }).toEqual({
    where,
    code: true,
    message: 'string',
  });
  expect(body.message.length).toBeGreaterThan(0);
  expect(JSON.stringify(body)).not.toMatch(/stack|at .+\.(ts|js):\d+/);
}

describe.each(TEST_DIALECTS)('the app on %s', (dialect) => {
  let t: TestApp;
  const routes: { method: string; url: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect, { ready: false });
    t.app.addHook('onRoute', (route) => {
      const hidden = (route.schema as { hide?: boolean } | undefined)?.hide;
      for (const method of [route.method].flat()) {
        if (!hidden && method !== 'HEAD') routes.push({ method, url: route.url });
      }
    });
    // a route that fails the way a bug would, to see what a 5xx reveals
    t.app.register(async (scope) => {
      scope.get('/api/test/explode', { schema: { hide: true } }, async () => {
        throw new Error('secret internals: /etc/campus password=hunter2');
      });
    });
    await t.app.ready();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('GET /api/health', () => {
    it('reports ok, the database dialect and the version', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok', database: dialect, version: readVersion() });
    });
  });

  describe('request ids', () => {
    it('returns a generated id and logs it with the request', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/health' });
      const id = response.headers['x-request-id'] as string;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(t.logs.lines.some((line) => line.includes(`"reqId":"${id}"`))).toBe(true);
    });

    it('keeps a sane incoming x-request-id and replaces an unsafe one', async () => {
      const kept = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'lb-7f3a9c21' } });
      expect(kept.headers['x-request-id']).toBe('lb-7f3a9c21');
      const replaced = await t.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-request-id': 'evil"\ninjected log line' },
      });
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('errors', () => {
    it('answers an unknown /api route with 404 NOT_FOUND', async () => {
      for (const request of [
        { method: 'GET', url: '/api/nope' },
        { method: 'POST', url: '/api/auth/nope' },
        { method: 'DELETE', url: '/api/me' },
      ] as const) {
        const response = await t.app.inject(request);
        expect(response.statusCode).toBe(404);
        expect(response.json()).toEqual({ code: 'NOT_FOUND', message: '接口不存在' });
      }
    });

    it('answers a malformed URL with 400', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/%zz' });
      expectErrorContract(response, 'GET /api/%zz');
    });

    it('hides everything about an unexpected error and logs it', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/test/explode' });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ code: 'INTERNAL', message: '服务器开小差了，请稍后重试' });
      expect(response.body).not.toContain('secret internals');
      const logged = t.logs.lines.find((line) => line.includes('secret internals'));
      expect(logged).toBeDefined();
      expect(JSON.parse(logged!)).toEqual(expect.objectContaining({ level: 50, reqId: response.headers['x-request-id'] }));
    });
  });

  describe('OpenAPI', () => {
    let doc: OpenApiDocument;
    beforeAll(async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(response.statusCode).toBe(200);
      doc = response.json<OpenApiDocument>();
    });

    it('lists every route the app serves, with error responses', () => {
      const documented = Object.entries(doc.paths).flatMap(([url, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${url}`),
      );
      const served = routes.map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
      expect(served.length).toBeGreaterThanOrEqual(4);
      expect(documented.sort()).toEqual([...new Set(served)].sort());
      expect(documented).toEqual(
        expect.arrayContaining(['GET /api/health', 'POST /api/auth/login', 'GET /api/me', 'POST /api/auth/logout', 'GET /api/services']),
      );
      for (const [url, operations] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          expect({ route: `${method} ${url}`, has500: '500' in operation.responses }).toEqual({
            route: `${method} ${url}`,
            has500: true,
          });
        }
      }
      expect(doc.components.schemas).toHaveProperty('ErrorBody');
    });

    it('marks the routes that need a token', () => {
      expect(doc.paths['/api/me']!.get!.security).toEqual([{ bearerAuth: [] }]);
      expect(doc.paths['/api/services']!.get!.security).toEqual([{ bearerAuth: [] }]);
      expect(doc.paths['/api/auth/login']!.post!.security).toBeUndefined();
    });

    it('serves Swagger UI from the package, not a CDN', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toMatch(/https?:\/\/(unpkg|cdn|cdnjs|jsdelivr)/);
      const asset = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
      expect(asset.statusCode).toBe(200);
    });

    it('answers malformed input on every documented route with a 4xx error body, never a 5xx', async () => {
      const student = demoAccount('student');
      const { accessToken } = await login(t.app, student.username, DEMO_PASSWORD);
      const attempts: { label: string; request: InjectOptions }[] = [];
      for (const [url, operations] of Object.entries(doc.paths)) {
        const concrete = url.replace(/\{\w+\}/g, 'x');
        for (const [verb, operation] of Object.entries(operations)) {
          const method = verb.toUpperCase() as InjectOptions['method'];
          const auth = operation.security ? bearer(accessToken) : {};
          const label = `${verb.toUpperCase()} ${url}`;
          if (operation.security) {
            attempts.push({ label: `${label} without a token`, request: { method, url: concrete } });
            attempts.push({
              label: `${label} with a forged token`,
              request: { method, url: concrete, headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' } },
            });
          }
          if (method !== 'GET') {
            const bodies: [string, string, string][] = [
              ['truncated JSON', 'application/json', '{"username": "a", "password": '],
              ['not JSON at all', 'application/json', 'username=a&password=b'],
              ['JSON with a prototype-poisoning key', 'application/json', '{"__proto__": {"admin": true}}'],
              ['a text body', 'text/plain', 'hello'],
              ['a form body', 'application/x-www-form-urlencoded', 'username=a&password=b'],
              ['an XML body', 'application/xml', '<login/>'],
              ['an oversized body', 'application/json', JSON.stringify({ blob: 'x'.repeat(t.config.bodyLimit + 10) })],
            ];
            if (operation.requestBody) {
              bodies.push(
                ['an array', 'application/json', '[]'],
                ['a string', 'application/json', '"x"'],
                ['null', 'application/json', 'null'],
                ['an empty object', 'application/json', '{}'],
                ['only unknown fields', 'application/json', '{"unexpected": 1, "admin": true}'],
                ['wrong types', 'application/json', '{"username": 1, "password": false}'],
                ['nested objects', 'application/json', '{"username": {"$ne": null}, "password": {"$gt": ""}}'],
              );
            }
            for (const [what, contentType, payload] of bodies) {
              attempts.push({
                label: `${label} with ${what}`,
                request: { method, url: concrete, headers: { ...auth, 'content-type': contentType }, payload },
              });
            }
          }
          for (const parameter of operation.parameters?.filter((p) => p.in === 'query') ?? []) {
            for (const value of ['', 'not-a-valid-value', '%00', 'x'.repeat(300)]) {
              attempts.push({
                label: `${label} with ${parameter.name}=${value.slice(0, 20)}`,
                request: { method, url: `${concrete}?${parameter.name}=${encodeURIComponent(value)}`, headers: auth },
              });
            }
            attempts.push({
              label: `${label} with an unknown query parameter`,
              request: { method, url: `${concrete}?${parameter.name}=h5&unknown=1`, headers: auth },
            });
          }
        }
      }
      expect(attempts.length).toBeGreaterThan(30);
      for (const attempt of attempts) {
        const response = await t.app.inject(attempt.request);
        // browser redirect routes (CAS / OIDC) answer bad input by sending the browser to the
        // login page with an error code: a redirect carries no body
        if (response.statusCode === 302) {
          expect({ where: attempt.label, location: response.headers.location }).toEqual({
            where: attempt.label,
            location: expect.stringMatching(/^\/pages\/login\/index\?error=[A-Z_]+/),
          });
          continue;
        }
        expectErrorContract(response, attempt.label);
      }
      // nothing in the sweep reached a handler: the student's session is still alive
      const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(accessToken) });
      expect(me.statusCode).toBe(200);
    });
  });

  describe('secrets', () => {
    it('never puts the password, its hash, the JWT secret or a token in a response or a log line', async () => {
      const student = demoAccount('student');
      const bodies: string[] = [];
      const record = async (request: InjectOptions) => {
        const response = await t.app.inject(request);
        bodies.push(response.body, JSON.stringify(response.headers));
        return response;
      };
      const loginResponse = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: student.username, password: DEMO_PASSWORD },
      });
      const { accessToken } = loginResponse.json();
      await record({ method: 'POST', url: '/api/auth/login', payload: { username: student.username, password: 'wrong-password-123' } });
      await record({ method: 'POST', url: '/api/auth/login', payload: { username: student.username, password: DEMO_PASSWORD, x: 1 } });
      await record({ method: 'POST', url: '/api/auth/login', payload: { username: 42, password: DEMO_PASSWORD } });
      await record({ method: 'GET', url: '/api/me', headers: bearer(accessToken) });
      await record({ method: 'GET', url: '/api/services', headers: { ...bearer(accessToken), cookie: `sid=${accessToken}` } });
      await record({ method: 'GET', url: '/api/test/explode', headers: bearer(accessToken) });
      await record({ method: 'POST', url: '/api/auth/logout', headers: bearer(accessToken) });
      await record({ method: 'GET', url: '/api/me', headers: bearer(accessToken) });

      const { password_hash: hash } = await t.app.db
        .selectFrom('credentials')
        .innerJoin('people', 'people.id', 'credentials.person_id')
        .select('credentials.password_hash')
        .where('people.number', '=', student.username)
        .executeTakeFirstOrThrow();
      const [, , , , salt, key] = hash.split('$');
      const forbidden = { password: DEMO_PASSWORD, wrongPassword: 'wrong-password-123', hash, salt, key, secret: t.config.jwtSecret };

      const responses = bodies.join('\n') + loginResponse.body.replace(accessToken, '');
      const logs = t.logs.text;
      expect(logs.length).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(forbidden)) {
        expect({ name, inResponses: responses.includes(value!) }).toEqual({ name, inResponses: false });
        expect({ name, inLogs: logs.includes(value!) }).toEqual({ name, inLogs: false });
      }
      expect(logs.includes(accessToken)).toBe(false);
      expect(logs.includes(accessToken.split('.')[2]!)).toBe(false);
    });

    it('redacts secrets even when code logs them by mistake', () => {
      const before = t.logs.lines.length;
      t.app.log.warn(
        {
          password: 'plain-secret-1',
          user: { passwordHash: 'plain-secret-2', token: 'plain-secret-3' },
          wechat: { login: { session_key: 'plain-secret-4' } },
          req: { headers: { authorization: 'Bearer plain-secret-5', cookie: 'sid=plain-secret-6' } },
        },
        'careless log line',
      );
      const line = t.logs.lines.slice(before).find((candidate) => candidate.includes('careless log line'))!;
      expect(line).toBeDefined();
      expect(line).not.toMatch(/plain-secret/);
      expect(line).toContain('[REDACTED]');
    });
  });
});
