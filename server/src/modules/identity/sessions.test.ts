/**
 * Sessions that cannot be stolen twice: refresh rotation and reuse detection, concurrent refresh,
 * brute-force back-off (also across two server instances on one database), and the ways a
 * session ends at once (logout, unbind, disable).
 */
import { randomUUID } from 'node:crypto';
import type { LoginResult, SessionTokens } from '../../../../types/auth';
import { DEMO_PASSWORD, demoAccount } from '../../../../mocks/campus/demo-accounts';
import { sha256 } from '../../shared/crypto';
import { TEST_DIALECTS, bearer, createTestApp, login, type TestApp } from '../../test/test-app';
import { REFRESH_REUSE_GRACE_SECONDS } from './sessions';

const student = demoAccount('student');

describe.each(TEST_DIALECTS)('sessions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  const refresh = (refreshToken: string) => t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
  const me = (accessToken: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(accessToken) });
  /** pretends the token was rotated long enough ago that a second use is theft, not a race */
  const ageRotation = async (refreshToken: string) => {
    await t.app.db
      .updateTable('refresh_tokens')
      .set({ rotated_at: new Date(Date.now() - (REFRESH_REUSE_GRACE_SECONDS + 5) * 1000).toISOString() })
      .where('token_hash', '=', sha256(refreshToken))
      .execute();
  };

  describe('refresh', () => {
    it('issues a short access token and an opaque refresh token stored only as a hash', async () => {
      const result = await login(t.app, student.username, DEMO_PASSWORD);
      expect(result.expiresIn).toBe(900);
      expect(result.refreshExpiresIn).toBe(30 * 86_400);
      expect(Buffer.from(result.refreshToken, 'base64url')).toHaveLength(32);
      const stored = await t.app.db.selectFrom('refresh_tokens').select('token_hash').execute();
      expect(stored.some((row) => row.token_hash === result.refreshToken)).toBe(false);
    });

    it('rotates: the new pair works, the old refresh token does not', async () => {
      const first = await login(t.app, student.username, DEMO_PASSWORD);
      const rotated = await refresh(first.refreshToken);
      expect(rotated.statusCode).toBe(200);
      const tokens = rotated.json<SessionTokens>();
      expect(Object.keys(tokens).sort()).toEqual(['accessToken', 'expiresIn', 'refreshExpiresIn', 'refreshToken']);
      expect(tokens.refreshToken).not.toBe(first.refreshToken);
      expect((await me(tokens.accessToken)).statusCode).toBe(200);
      expect((await refresh(tokens.refreshToken)).statusCode).toBe(200);
    });

    it('treats a rotated token coming back as theft: the whole family ends, the legitimate new tokens too', async () => {
      const stolen = await login(t.app, student.username, DEMO_PASSWORD);
      const legit = (await refresh(stolen.refreshToken)).json<SessionTokens>();
      await ageRotation(stolen.refreshToken);

      const thief = await refresh(stolen.refreshToken);
      expect(thief.statusCode).toBe(401);
      expect(thief.json()).toEqual({ code: 'REFRESH_REUSED', message: '登录状态已失效，请重新登录' });
      const afterwards = await refresh(legit.refreshToken);
      expect(afterwards.statusCode).toBe(401);
      expect(afterwards.json().code).toBe('SESSION_EXPIRED');
      expect((await me(legit.accessToken)).statusCode).toBe(401);
      expect((await me(stolen.accessToken)).statusCode).toBe(401);
      const session = await t.app.db
        .selectFrom('sessions')
        .select('revoked_reason')
        .where('id', '=', JSON.parse(Buffer.from(legit.accessToken.split('.')[1]!, 'base64url').toString()).sid)
        .executeTakeFirstOrThrow();
      expect(session.revoked_reason).toBe('refresh_reused');
    });

    it('lets exactly one of several concurrent refreshes with the same token win, without killing the session', async () => {
      const { refreshToken } = await login(t.app, student.username, DEMO_PASSWORD);
      const responses = await Promise.all(Array.from({ length: 6 }, () => refresh(refreshToken)));
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
      const winner = responses.find((response) => response.statusCode === 200)!.json<SessionTokens>();
      expect((await me(winner.accessToken)).statusCode).toBe(200);
      expect((await refresh(winner.refreshToken)).statusCode).toBe(200);
    });

    it('refuses an expired, unknown or logged-out refresh token with 401', async () => {
      const expired = await login(t.app, student.username, DEMO_PASSWORD);
        await t.app.db
        .updateTable('refresh_tokens')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('token_hash', '=', sha256(expired.refreshToken))
        .execute();
      const loggedOut = await login(t.app, student.username, DEMO_PASSWORD);
      await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(loggedOut.accessToken) });
      for (const token of [expired.refreshToken, 'x'.repeat(43), loggedOut.refreshToken]) {
        const response = await refresh(token);
        expect(response.statusCode).toBe(401);
        expect(response.json()).toEqual({ code: 'SESSION_EXPIRED', message: '登录状态已失效，请重新登录' });
      }
      expect((await refresh('short')).statusCode).toBe(400);
    });
  });

  describe('brute force', () => {
    const attempt = (app: TestApp['app'], username: string, password: string, remoteAddress = '10.1.1.1') =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

    it('blocks the account after 5 wrong passwords: the 6th attempt gets 429 with Retry-After, even with the right password', async () => {
      const worker = demoAccount('worker');
      for (let i = 0; i < 5; i += 1) expect((await attempt(t.app, worker.username, `wrong-${i}`)).statusCode).toBe(401);
      const sixth = await attempt(t.app, worker.username, DEMO_PASSWORD, '10.1.1.2');
      expect(sixth.statusCode).toBe(429);
      expect(sixth.json()).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请 (59|60) 秒后再试$/) });
      expect(Number(sixth.headers['retry-after'])).toBeGreaterThanOrEqual(59);
      // other accounts are not affected
      expect((await attempt(t.app, student.username, DEMO_PASSWORD)).statusCode).toBe(200);
    });

    it('forgets the failures after a success', async () => {
      const dispatcher = demoAccount('dispatcher');
      for (let i = 0; i < 4; i += 1) await attempt(t.app, dispatcher.username, 'wrong');
      expect((await attempt(t.app, dispatcher.username, DEMO_PASSWORD)).statusCode).toBe(200);
      for (let i = 0; i < 4; i += 1) expect((await attempt(t.app, dispatcher.username, 'wrong')).statusCode).toBe(401);
    });

    it('counts across two server instances sharing one database', async () => {
      const second = await createTestApp(dialect, { database: t.config.database });
      try {
        const guard = demoAccount('guard');
        for (let i = 0; i < 3; i += 1) expect((await attempt(t.app, guard.username, 'wrong')).statusCode).toBe(401);
        for (let i = 0; i < 2; i += 1) expect((await attempt(second.app, guard.username, 'wrong')).statusCode).toBe(401);
        expect((await attempt(t.app, guard.username, 'wrong')).statusCode).toBe(429);
        expect((await attempt(second.app, guard.username, DEMO_PASSWORD)).statusCode).toBe(429);
      } finally {
        await second.close();
      }
    });

    it('limits each IP to its attempts a minute, whatever the accounts', async () => {
      const limited = await createTestApp(dialect, { database: t.config.database, config: { loginIpLimitPerMinute: 30 } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 31; i += 1) statuses.push((await attempt(limited.app, `99${String(i).padStart(8, '0')}`, 'x', '10.2.2.2')).statusCode);
        expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
        expect(statuses[30]).toBe(429);
        expect((await attempt(limited.app, student.username, DEMO_PASSWORD, '10.2.2.3')).statusCode).toBe(200);
      } finally {
        await limited.close();
      }
    });
  });

  describe('ending sessions at once', () => {
    it('unbinding ends every session of the person; the access token stops working on the next request', async () => {
      const first = await login(t.app, student.username, DEMO_PASSWORD);
      const second = await login(t.app, student.username, DEMO_PASSWORD);
      await t.app.db
        .insertInto('identity_bindings')
        .values({ id: randomUUID(), provider: 'wechat', subject: 'o-test-openid', unionid: null, person_id: first.user.id, bound_at: new Date().toISOString() })
        .execute();
      expect((await me(first.accessToken)).json().bindings).toEqual([{ provider: 'wechat', boundAt: expect.any(String) }]);
      const unbind = await t.app.inject({ method: 'DELETE', url: '/api/me/bindings/wechat', headers: bearer(first.accessToken) });
      expect(unbind.statusCode).toBe(204);
      expect((await me(first.accessToken)).statusCode).toBe(401);
      expect((await me(second.accessToken)).statusCode).toBe(401);
      expect((await refresh(second.refreshToken)).statusCode).toBe(401);
      const third = await login(t.app, student.username, DEMO_PASSWORD);
      expect(third.user.bindings).toEqual([]);
      const none = await t.app.inject({ method: 'DELETE', url: '/api/me/bindings/wechat', headers: bearer(third.accessToken) });
      expect(none.statusCode).toBe(404);
      const bad = await t.app.inject({ method: 'DELETE', url: '/api/me/bindings/qq', headers: bearer(third.accessToken) });
      expect(bad.statusCode).toBe(400);
    });

    it('logout ends the session and its refresh token', async () => {
      const session = await login(t.app, student.username, DEMO_PASSWORD);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(session.accessToken) })).statusCode).toBe(204);
      expect((await me(session.accessToken)).statusCode).toBe(401);
      expect((await refresh(session.refreshToken)).statusCode).toBe(401);
    });

    it('an admin disabling a person ends their sessions at once, with an audit row; enabling lets them back in', async () => {
      const admin = await login(t.app, demoAccount('admin').username, DEMO_PASSWORD);
      const teacher = await login(t.app, demoAccount('teacher').username, DEMO_PASSWORD);
      const disable = await t.app.inject({
        method: 'POST',
        url: `/api/admin/people/${teacher.user.id}/disable`,
        headers: bearer(admin.accessToken),
      });
      expect(disable.statusCode).toBe(204);
      expect((await me(teacher.accessToken)).statusCode).toBe(401);
      expect((await refresh(teacher.refreshToken)).statusCode).toBe(401);
      const relogin = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: demoAccount('teacher').username, password: DEMO_PASSWORD } });
      expect(relogin.statusCode).toBe(403);
      expect(relogin.json().code).toBe('ACCOUNT_DISABLED');
      const audit = await t.app.db.selectFrom('audit_log').selectAll().where('target', '=', `person:${teacher.user.id}`).execute();
      expect(audit.map((row) => [row.action, row.actor_id])).toEqual([['person.disable', admin.user.id]]);

      const enable = await t.app.inject({ method: 'POST', url: `/api/admin/people/${teacher.user.id}/enable`, headers: bearer(admin.accessToken) });
      expect(enable.statusCode).toBe(204);
      expect((await login(t.app, demoAccount('teacher').username, DEMO_PASSWORD)).user.id).toBe(teacher.user.id);

      const self = await t.app.inject({ method: 'POST', url: `/api/admin/people/${admin.user.id}/disable`, headers: bearer(admin.accessToken) });
      expect(self.statusCode).toBe(409);
      const missing = await t.app.inject({ method: 'POST', url: '/api/admin/people/no-such-person/disable', headers: bearer(admin.accessToken) });
      expect(missing.statusCode).toBe(404);
    });
  });

  describe('parents and children', () => {
    it('lists the children and switches only between them', async () => {
      const parent = await login(t.app, demoAccount('parent').username, DEMO_PASSWORD);
      expect(parent.user.children).toHaveLength(1);
      const otherStudent = await t.app.db
        .selectFrom('people')
        .select(['id', 'name'])
        .where('kind', '=', 'student')
        .where('number', '!=', student.username)
        .orderBy('number')
        .executeTakeFirstOrThrow();
      const put = (studentId: string, token = parent.accessToken) =>
        t.app.inject({ method: 'PUT', url: '/api/me/active-child', headers: bearer(token), payload: { studentId } });

      const refused = await put(otherStudent.id);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('FORBIDDEN');

      // the school's records link a second child
      await t.app.db.insertInto('parent_links').values({ parent_id: parent.user.id, student_id: otherStudent.id, relation: '父亲' }).execute();
      try {
        const switched = await put(otherStudent.id);
        expect(switched.statusCode).toBe(200);
        const detail = switched.json<LoginResult['user']>();
        expect(detail.children).toHaveLength(2);
        expect(detail.activeChildId).toBe(otherStudent.id);
        expect((await me(parent.accessToken)).json().activeChildId).toBe(otherStudent.id);
      } finally {
        await t.app.db.deleteFrom('parent_active_child').where('parent_id', '=', parent.user.id).execute();
        await t.app.db.deleteFrom('parent_links').where('parent_id', '=', parent.user.id).where('student_id', '=', otherStudent.id).execute();
      }

      const studentSession = await login(t.app, student.username, DEMO_PASSWORD);
      expect((await put(otherStudent.id, studentSession.accessToken)).statusCode).toBe(403);
    });

    it('lets a student, and only a student, decide what parents see', async () => {
      const session = await login(t.app, student.username, DEMO_PASSWORD);
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/me/parent-visibility',
        headers: bearer(session.accessToken),
        payload: { leaveStatus: false, portrait: true },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().parentVisibility).toEqual({ leaveStatus: false, portrait: true, portraitSummary: true, portraitWarnings: false });
      const parent = await login(t.app, demoAccount('parent').username, DEMO_PASSWORD);
      const refused = await t.app.inject({
        method: 'PUT',
        url: '/api/me/parent-visibility',
        headers: bearer(parent.accessToken),
        payload: { leaveStatus: true, portrait: true },
      });
      expect(refused.statusCode).toBe(403);
    });
  });
});
