import type { AdminNotice, AuditList, Home, NoticeList } from '../../../../types/catalog';
import type { Role } from '../../../../types/roles';
import { demoAccount } from '../../../../mocks/campus/demo-accounts';
import { TEST_DIALECTS, bearer, createTestApp, login, type TestApp } from '../../test/test-app';

const DAY = 24 * 60 * 60 * 1000;

describe.each(TEST_DIALECTS)('notices on %s', (dialect) => {
  let t: TestApp;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const role of ['student', 'admin', 'teacher', 'parent'] as const) {
      tokens.set(role, (await login(t.app, demoAccount(role).username, demoAccount(role).password)).accessToken);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (role: Role, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: bearer(tokens.get(role)!), ...(payload !== undefined ? { payload: payload as object } : {}) });
  const titlesFor = async (role: Role) => (await call(role, 'GET', '/api/notices')).json<NoticeList>().notices.map((n) => n.title);

  it('seeds the demo notices for their audiences', async () => {
    expect(await titlesFor('student')).toEqual(expect.arrayContaining(['寒假离返校安排', '一卡通系统升级']));
    expect(await titlesFor('student')).not.toContain('教职工健步走活动开始报名');
    expect(await titlesFor('parent')).toEqual(['寒假离返校安排']);
  });

  it('shows a notice only inside its publish window and only to its audience', async () => {
    const now = Date.now();
    const create = (id: string, startsAt: number, endsAt: number | null, audience: Role[]) =>
      call('admin', 'POST', '/api/admin/notices', {
        id,
        title: `通知-${id}`,
        audience,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: endsAt === null ? null : new Date(endsAt).toISOString(),
      });
    expect((await create('window-now', now - DAY, now + DAY, ['teacher'])).statusCode).toBe(201);
    expect((await create('window-future', now + DAY, null, ['teacher'])).statusCode).toBe(201);
    expect((await create('window-past', now - 2 * DAY, now - DAY, ['teacher'])).statusCode).toBe(201);
    const teacher = await titlesFor('teacher');
    expect(teacher).toContain('通知-window-now');
    expect(teacher).not.toContain('通知-window-future');
    expect(teacher).not.toContain('通知-window-past');
    expect(await titlesFor('student')).not.toContain('通知-window-now');
    expect((await call('teacher', 'GET', '/api/home')).json<Home>().notices.map((n) => n.title)).toContain('通知-window-now');
  });

  it('a retried create (same id) publishes once; the same id with other content is a 409', async () => {
    const body = { id: 'retry-notice-1', title: '停水通知', body: '明日 9:00–12:00 东区停水', audience: ['student'] };
    const [a, b] = await Promise.all([call('admin', 'POST', '/api/admin/notices', body), call('admin', 'POST', '/api/admin/notices', body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json<AdminNotice>().id).toBe(b.json<AdminNotice>().id);
    expect((await titlesFor('student')).filter((title) => title === '停水通知')).toHaveLength(1);
    expect((await call('admin', 'POST', '/api/admin/notices', { ...body, title: '别的' })).statusCode).toBe(409);
  });

  it('edits and deletes are audited with before and after; a window that ends before it starts is a 400', async () => {
    const edited = await call('admin', 'PATCH', '/api/admin/notices/retry-notice-1', { title: '东区停水通知', level: 'warning' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<AdminNotice>()).toEqual(expect.objectContaining({ title: '东区停水通知', level: 'warning' }));
    const bad = await call('admin', 'PATCH', '/api/admin/notices/retry-notice-1', { startsAt: new Date().toISOString(), endsAt: new Date(Date.now() - DAY).toISOString() });
    expect(bad.statusCode).toBe(400);
    expect((await call('admin', 'DELETE', '/api/admin/notices/retry-notice-1')).statusCode).toBe(204);
    expect((await call('admin', 'DELETE', '/api/admin/notices/retry-notice-1')).statusCode).toBe(404);
    expect(await titlesFor('student')).not.toContain('东区停水通知');

    const audit = (await call('admin', 'GET', '/api/admin/catalog/audit?target=notice:retry-notice-1')).json<AuditList>().entries;
    expect(audit.map((e) => e.action)).toEqual(['notice.delete', 'notice.update', 'notice.create']);
    expect(audit[1]!.detail).toEqual({ before: { title: '停水通知', level: 'info' }, after: { title: '东区停水通知', level: 'warning' } });
  });

  it('only admins manage notices', async () => {
    for (const role of ['student', 'teacher', 'parent'] as const) {
      expect((await call(role, 'GET', '/api/admin/notices')).statusCode).toBe(403);
      expect((await call(role, 'POST', '/api/admin/notices', { title: 'x', audience: ['student'] })).statusCode).toBe(403);
    }
    const list = (await call('admin', 'GET', '/api/admin/notices')).json<{ notices: AdminNotice[] }>();
    expect(list.notices.map((n) => n.id)).toContain('window-future');
  });
});
