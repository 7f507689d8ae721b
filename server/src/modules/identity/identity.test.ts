import type { ApiErrorBody } from '../../../../types/errors';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoAccount } from '../../../../mocks/campus/demo-accounts';
import { createAccessTokens } from './access-token';
import { TEST_DIALECTS, bearer, createTestApp, login, type TestApp } from '../../test/test-app';

const student = demoAccount('student');

function expectErrorBody(body: unknown, code: ApiErrorBody['code']): void {
  expect(body).toEqual(expect.objectContaining({ code, message: expect.any(String) }));
  expect(Object.keys(body as object).sort()).toEqual(
    'fields' in (body as object) ? ['code', 'fields', 'message'] : ['code', 'message'],
  );
}

describe.each(TEST_DIALECTS)('identity on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  const postLogin = (payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  describe('POST /api/auth/login', () => {
    it.each(DEMO_ACCOUNTS.map((account) => [account.role, account] as const))(
      'logs in the demo %s and returns a token and the profile',
      async (role, account) => {
        const response = await postLogin({ username: account.username, password: account.password });
        expect(response.statusCode).toBe(200);
        const body = response.json();
        expect(body.accessToken.split('.')).toHaveLength(3);
        expect(body.expiresIn).toBe(t.config.accessTokenTtlSeconds);
        expect(body.user).toEqual(
          expect.objectContaining({ number: account.username, name: account.name, roles: expect.arrayContaining([role]) }),
        );
      },
    );

    it('returns the student profile with college, major and class', async () => {
      const { user } = await login(t.app, student.username, DEMO_PASSWORD);
      expect(user).toEqual({
        id: expect.any(String),
        number: student.username,
        name: student.name,
        kind: 'student',
        roles: ['student'],
        college: '计算机学院',
        major: '计算机科学与技术',
        className: '计算机2301班',
        department: '计算机学院',
        bindings: [],
        parentVisibility: { leaveStatus: true, portrait: false, portraitSummary: true, portraitWarnings: false },
      });
    });

    it('refuses a wrong password and an unknown user with the same 401 body', async () => {
      const wrong = await postLogin({ username: student.username, password: 'not-the-password' });
      const unknown = await postLogin({ username: '9999999999', password: DEMO_PASSWORD });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual({ code: 'INVALID_CREDENTIALS', message: '账号或密码错误' });
      expect(unknown.body).toBe(wrong.body);
    });

    it('refuses a disabled account with 403 only when the password is right', async () => {
      const guard = demoAccount('guard');
      await t.app.db.updateTable('people').set({ status: 'disabled' }).where('number', '=', guard.username).execute();
      try {
        const right = await postLogin({ username: guard.username, password: guard.password });
        expect(right.statusCode).toBe(403);
        expect(right.json()).toEqual({ code: 'ACCOUNT_DISABLED', message: '账号已停用，请联系管理员' });
        const wrong = await postLogin({ username: guard.username, password: 'nope' });
        expect(wrong.statusCode).toBe(401);
      } finally {
        await t.app.db.updateTable('people').set({ status: 'active' }).where('number', '=', guard.username).execute();
      }
    });

    it('records the client platform and user agent on the session', async () => {
      const response = await postLogin(
        { username: student.username, password: DEMO_PASSWORD },
        { 'x-client-platform': 'weapp', 'user-agent': 'jest-agent' },
      );
      const token = response.json().accessToken as string;
      const sid = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid as string;
      const session = await t.app.db.selectFrom('sessions').selectAll().where('id', '=', sid).executeTakeFirstOrThrow();
      expect(session).toEqual(expect.objectContaining({ platform: 'weapp', user_agent: 'jest-agent', auth_method: 'password' }));
    });

    it.each([
      ['malformed JSON', '{"username": "2023010101", "password": ', 400, 'BAD_REQUEST'],
      ['an empty object', {}, 400, 'VALIDATION_FAILED'],
      ['a missing password', { username: student.username }, 400, 'VALIDATION_FAILED'],
      ['a number for the username', { username: 2023010101, password: DEMO_PASSWORD }, 400, 'VALIDATION_FAILED'],
      ['an empty password', { username: student.username, password: '' }, 400, 'VALIDATION_FAILED'],
      ['an unknown field', { username: student.username, password: DEMO_PASSWORD, remember: true }, 400, 'VALIDATION_FAILED'],
      ['an array', [student.username, DEMO_PASSWORD], 400, 'VALIDATION_FAILED'],
      ['null', 'null', 400, 'VALIDATION_FAILED'],
      ['a too long username', { username: 'x'.repeat(65), password: DEMO_PASSWORD }, 400, 'VALIDATION_FAILED'],
    ] as const)('answers %s with a 4xx error body', async (_label, payload, status, code) => {
      const response = await postLogin(payload);
      expect(response.statusCode).toBe(status);
      expectErrorBody(response.json(), code);
    });

    it('names each bad field in Chinese', async () => {
      const missing = await postLogin({ username: student.username });
      expect(missing.json()).toEqual({
        code: 'VALIDATION_FAILED',
        message: '请求参数不正确',
        fields: [{ field: '/password', message: '必填' }],
      });
      const extra = await postLogin({ username: student.username, password: 'x', remember: true });
      expect(extra.json().fields).toEqual([{ field: '/remember', message: '不允许的字段' }]);
      const wrongType = await postLogin({ username: 1, password: 'x' });
      expect(wrongType.json().fields).toEqual([{ field: '/username', message: '应为字符串' }]);
    });

    it('refuses a non-JSON content type with 415', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `username=${student.username}&password=${DEMO_PASSWORD}`,
      });
      expect(response.statusCode).toBe(415);
      expectErrorBody(response.json(), 'BAD_REQUEST');
    });

    it('refuses a body over the limit with 413', async () => {
      const response = await postLogin({ username: student.username, password: 'x'.repeat(t.config.bodyLimit + 1) });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' });
    });
  });

  describe('GET /api/me', () => {
    it('returns the logged-in person', async () => {
      const { accessToken } = await login(t.app, student.username, DEMO_PASSWORD);
      const response = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(accessToken) });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(expect.objectContaining({ number: student.username, name: student.name }));
    });

    it('refuses a request without a token', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/me' });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
    });

    it.each([
      ['a non-bearer scheme', (token: string) => `Basic ${token}`],
      ['a token with a changed payload', (token: string) => {
        const [header, payload, signature] = token.split('.') as [string, string, string];
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
        const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
        return `Bearer ${header}.${forged}.${signature}`;
      }],
      ['a token with a changed signature', (token: string) => `Bearer ${token.slice(0, -4)}AAAA`],
      ['a token signed with another secret', async () => {
        const other = createAccessTokens('another-secret-another-secret-another', 3600);
        return `Bearer ${await other.sign({ personId: 'x', sessionId: 'y' })}`;
      }],
      ['an alg=none token', (token: string) => {
        const [, payload] = token.split('.') as [string, string];
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        return `Bearer ${header}.${payload}.`;
      }],
      ['garbage', () => 'Bearer not.a.jwt'],
    ])('refuses %s with 401', async (_label, tamper) => {
      const { accessToken } = await login(t.app, student.username, DEMO_PASSWORD);
      const authorization = await tamper(accessToken);
      const response = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization } });
      expect(response.statusCode).toBe(401);
      expectErrorBody(response.json(), 'UNAUTHENTICATED');
    });

    it('refuses an expired token', async () => {
      const { accessToken } = await login(t.app, student.username, DEMO_PASSWORD);
      const claims = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString());
      const stale = await t.app.accessTokens.sign(
        { personId: claims.sub, sessionId: claims.sid },
        new Date(Date.now() - (t.config.accessTokenTtlSeconds + 60) * 1000),
      );
      const response = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(stale) });
      expect(response.statusCode).toBe(401);
    });

    it('refuses the token of a person disabled after logging in', async () => {
      const teacher = demoAccount('teacher');
      const { accessToken } = await login(t.app, teacher.username, teacher.password);
      await t.app.db.updateTable('people').set({ status: 'disabled' }).where('number', '=', teacher.username).execute();
      try {
        const response = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(accessToken) });
        expect(response.statusCode).toBe(403);
        expectErrorBody(response.json(), 'ACCOUNT_DISABLED');
      } finally {
        await t.app.db.updateTable('people').set({ status: 'active' }).where('number', '=', teacher.username).execute();
      }
    });
  });

  describe('POST /api/auth/logout', () => {
    it('revokes the session: the same token is refused afterwards, other sessions live on', async () => {
      const first = await login(t.app, student.username, DEMO_PASSWORD);
      const second = await login(t.app, student.username, DEMO_PASSWORD);
      const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(first.accessToken) });
      expect(logout.statusCode).toBe(204);
      expect(logout.body).toBe('');

      const after = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(first.accessToken) });
      expect(after.statusCode).toBe(401);
      expect(after.json()).toEqual({ code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' });
      const again = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(first.accessToken) });
      expect(again.statusCode).toBe(401);

      const other = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(second.accessToken) });
      expect(other.statusCode).toBe(200);
    });

    it('accepts the empty JSON body mini-program runtimes send', async () => {
      const { accessToken } = await login(t.app, student.username, DEMO_PASSWORD);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { ...bearer(accessToken), 'content-type': 'application/json' },
        payload: '',
      });
      expect(response.statusCode).toBe(204);
    });

    it('requires a token', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
      expect(response.statusCode).toBe(401);
    });
  });
});
