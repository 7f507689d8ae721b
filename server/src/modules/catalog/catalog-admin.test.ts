import type { Catalog } from '../../../../types/api';
import type { AdminService, AdminServiceCreate, AuditList, CatalogDocument, CatalogImportResult, Home, ServiceSearchResponse } from '../../../../types/catalog';
import type { Role } from '../../../../types/roles';
import { demoAccount } from '../../../../mocks/campus/demo-accounts';
import { TEST_DIALECTS, bearer, createTestApp, login, type TestApp } from '../../test/test-app';
import { CLASSROOM_VALUES } from '../workflow/matrix-fixtures';

const NEW_SERVICE: AdminServiceCreate = {
  id: 'lost-and-found',
  name: '失物招领',
  icon: 'bell',
  description: '登记和认领校园内拾到的物品',
  categoryId: 'life',
  department: '保卫处',
  kind: 'link',
  target: 'https://bwc.example.edu.cn/lost',
  platforms: ['weapp', 'dd', 'h5'],
  roles: ['student', 'teacher'],
  keywords: ['丢东西', '捡到'],
};

describe.each(TEST_DIALECTS)('catalog administration on %s', (dialect) => {
  let t: TestApp;
  const tokens = new Map<Role, string>();
  let adminId = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const role of ['student', 'admin', 'counselor', 'parent', 'teacher'] as const) {
      const session = await login(t.app, demoAccount(role).username, demoAccount(role).password);
      tokens.set(role, session.accessToken);
      if (role === 'admin') adminId = session.user.id;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (role: Role, method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: bearer(tokens.get(role)!), ...(payload !== undefined ? { payload: payload as object } : {}) });
  const auditOf = async (target: string) => (await call('admin', 'GET', `/api/admin/catalog/audit?target=${encodeURIComponent(target)}`)).json<AuditList>().entries;
  const searchNames = async (role: Role, q: string) =>
    (await call(role, 'GET', `/api/services/search?q=${encodeURIComponent(q)}`)).json<ServiceSearchResponse>().results.map((r) => r.service.name);

  it('creates a service that the hall and search show at once, audited with who and what', async () => {
    const created = await call('admin', 'POST', '/api/admin/services', NEW_SERVICE);
    expect(created.statusCode).toBe(201);
    expect(created.json<AdminService>()).toEqual(expect.objectContaining({ id: 'lost-and-found', status: 'online', sort: expect.any(Number) }));
    expect(await searchNames('student', 'swzl')).toContain('失物招领');
    expect(await searchNames('parent', 'swzl')).not.toContain('失物招领');

    const [entry] = await auditOf('service:lost-and-found');
    expect(entry).toEqual(
      expect.objectContaining({ actorId: adminId, action: 'service.create', detail: { after: expect.objectContaining({ name: '失物招领', roles: ['student', 'teacher'] }) } }),
    );
    expect(Date.now() - new Date(entry!.at).getTime()).toBeLessThan(60_000);
  });

  it('a retried create does not make a second service (409) and an unknown category is a 400', async () => {
    const again = await call('admin', 'POST', '/api/admin/services', NEW_SERVICE);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CONFLICT');
    const rows = await t.app.db.selectFrom('services').select('id').where('id', '=', 'lost-and-found').execute();
    expect(rows).toHaveLength(1);
    expect((await auditOf('service:lost-and-found')).filter((e) => e.action === 'service.create')).toHaveLength(1);

    const badCategory = await call('admin', 'POST', '/api/admin/services', { ...NEW_SERVICE, id: 'x-1', categoryId: 'nope' });
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.json().fields).toEqual([expect.objectContaining({ field: '/categoryId' })]);
    const reserved = await call('admin', 'POST', '/api/admin/services', { ...NEW_SERVICE, id: 'order' });
    expect(reserved.statusCode).toBe(400);
  });

  it('two admins creating the same service at once make one service and one audit row', async () => {
    const body = { ...NEW_SERVICE, id: 'twin-service', name: '并发服务' };
    const [a, b] = await Promise.all([call('admin', 'POST', '/api/admin/services', body), call('admin', 'POST', '/api/admin/services', body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(await auditOf('service:twin-service')).toHaveLength(1);
  });

  it('puts a service under maintenance with a message, audited before/after, and takes it offline', async () => {
    const maintenance = await call('admin', 'PATCH', '/api/admin/services/lost-and-found', { status: 'maintenance', statusMessage: '系统迁移中，周一恢复' });
    expect(maintenance.statusCode).toBe(200);
    const hall = (await call('student', 'GET', '/api/services')).json<Catalog>();
    expect(hall.services.find((s) => s.id === 'lost-and-found')).toEqual(expect.objectContaining({ status: 'maintenance', statusMessage: '系统迁移中，周一恢复' }));
    const [update] = await auditOf('service:lost-and-found');
    expect(update).toEqual(
      expect.objectContaining({
        actorId: adminId,
        action: 'service.update',
        detail: { before: { status: 'online', statusMessage: null }, after: { status: 'maintenance', statusMessage: '系统迁移中，周一恢复' } },
      }),
    );

    // the same edit again changes nothing and writes no audit row
    await call('admin', 'PATCH', '/api/admin/services/lost-and-found', { status: 'maintenance' });
    expect((await auditOf('service:lost-and-found')).length).toBe(2);

    expect((await call('admin', 'PATCH', '/api/admin/services/lost-and-found', { status: 'offline', statusMessage: null })).statusCode).toBe(200);
    expect((await call('student', 'GET', '/api/services')).json<Catalog>().services.map((s) => s.id)).not.toContain('lost-and-found');
    expect(await searchNames('student', '失物')).toEqual([]);
    expect((await call('admin', 'PATCH', '/api/admin/services/nope', { status: 'offline' })).statusCode).toBe(404);
  });

  it('refuses an edit based on an older copy (409) instead of overwriting a colleague', async () => {
    const exported = (await call('admin', 'GET', '/api/admin/catalog')).json<CatalogDocument>();
    expect(exported.services.find((s) => s.id === 'lost-and-found')?.status).toBe('offline');
    const seen = (await call('admin', 'PATCH', '/api/admin/services/lost-and-found', { status: 'online' })).json<AdminService>().updatedAt!;
    const first = await call('admin', 'PATCH', '/api/admin/services/lost-and-found', { name: '失物招领处', expectedUpdatedAt: seen });
    expect(first.statusCode).toBe(200);
    const second = await call('admin', 'PATCH', '/api/admin/services/lost-and-found', { name: '失物认领', expectedUpdatedAt: seen });
    expect(second.statusCode).toBe(409);
    const row = await t.app.db.selectFrom('services').select('name').where('id', '=', 'lost-and-found').executeTakeFirstOrThrow();
    expect(row.name).toBe('失物招领处');
  });

  it('reorders services: the listed ones first, the others after them in their order', async () => {
    expect((await call('admin', 'PUT', '/api/admin/services/order', { serviceIds: ['parent-notices', 'lost-and-found'] })).statusCode).toBe(204);
    const exported = (await call('admin', 'GET', '/api/admin/catalog')).json<CatalogDocument>();
    const sorted = [...exported.services].sort((a, b) => a.sort - b.sort).map((s) => s.id);
    expect(sorted.slice(0, 3)).toEqual(['parent-notices', 'lost-and-found', 'timetable']);
    const [entry] = await auditOf('catalog');
    expect(entry?.action).toBe('catalog.reorder');
    expect((entry?.detail?.after as string[]).slice(0, 2)).toEqual(['parent-notices', 'lost-and-found']);
    expect((await call('admin', 'PUT', '/api/admin/services/order', { serviceIds: ['no-such-service'] })).statusCode).toBe(400);
  });

  it('exports the catalog as JSON and imports it back: unchanged, edited and new entries, one audit row each', async () => {
    const exported = (await call('admin', 'GET', '/api/admin/catalog')).json<CatalogDocument>();
    expect(exported.format).toBe('zhihui-catalog/1');
    expect(exported.categories.map((c) => c.id)).toContain('parent');

    const roundTrip = await call('admin', 'PUT', '/api/admin/catalog', exported);
    expect(roundTrip.statusCode).toBe(200);
    expect(roundTrip.json<CatalogImportResult>()).toEqual({ created: [], updated: [], unchanged: exported.services.length, takenOffline: [] });

    const edited: CatalogDocument = {
      ...exported,
      categories: [...exported.categories, { id: 'sports', name: '体育健康', sort: 80 }],
      services: [
        ...exported.services.map((s) => (s.id === 'timetable' ? { ...s, name: '我的课表' } : s)),
        { ...NEW_SERVICE, id: 'gym-booking', name: '体育馆预约', categoryId: 'sports', status: 'online' as const, sort: 5, keywords: [] },
      ],
    };
    const result = (await call('admin', 'PUT', '/api/admin/catalog', edited)).json<CatalogImportResult>();
    expect(result).toEqual({ created: ['gym-booking'], updated: ['timetable'], unchanged: exported.services.length - 1, takenOffline: [] });
    expect(await searchNames('student', 'tygyy')).toEqual(['体育馆预约']);
    expect((await auditOf('service:timetable'))[0]?.detail).toEqual({ before: { name: '课表查询' }, after: { name: '我的课表' }, via: 'import' });
    expect((await auditOf('category:sports'))[0]?.action).toBe('category.create');
  });

  it('replace=true takes services missing from the document offline, never deletes them', async () => {
    const exported = (await call('admin', 'GET', '/api/admin/catalog')).json<CatalogDocument>();
    const without = { ...exported, services: exported.services.filter((s) => s.id !== 'gym-booking') };
    const result = (await call('admin', 'PUT', '/api/admin/catalog?replace=true', without)).json<CatalogImportResult>();
    expect(result.takenOffline).toEqual(['gym-booking']);
    const row = await t.app.db.selectFrom('services').select('status').where('id', '=', 'gym-booking').executeTakeFirstOrThrow();
    expect(row.status).toBe('offline');
  });

  it('a bad import changes nothing: duplicate ids and unknown categories are 400s', async () => {
    const exported = (await call('admin', 'GET', '/api/admin/catalog')).json<CatalogDocument>();
    const before = await t.app.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const duplicate = await call('admin', 'PUT', '/api/admin/catalog', { ...exported, services: [...exported.services, exported.services[0]] });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().fields[0].field).toBe(`/services/${exported.services.length}/id`);
    const renamed = exported.services.map((s, i) => (i === 0 ? { ...s, name: '改了名' } : i === 1 ? { ...s, categoryId: 'ghost' } : s));
    const unknown = await call('admin', 'PUT', '/api/admin/catalog', { ...exported, services: renamed });
    expect(unknown.statusCode).toBe(400);
    const first = await t.app.db.selectFrom('services').select('name').where('id', '=', exported.services[0]!.id).executeTakeFirstOrThrow();
    expect(first.name).toBe(exported.services[0]!.name);
    const after = await t.app.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await call('admin', 'PUT', '/api/admin/catalog', { ...exported, format: 'other' })).statusCode).toBe(400);
  });

  it('nobody but an admin may change or export the catalog', async () => {
    for (const role of ['student', 'counselor', 'parent'] as const) {
      expect((await call(role, 'GET', '/api/admin/catalog')).statusCode).toBe(403);
      expect((await call(role, 'PATCH', '/api/admin/services/timetable', { status: 'offline' })).statusCode).toBe(403);
      expect((await call(role, 'POST', '/api/admin/services', { ...NEW_SERVICE, id: 'sneaky' })).statusCode).toBe(403);
    }
    const row = await t.app.db.selectFrom('services').select('status').where('id', '=', 'timetable').executeTakeFirstOrThrow();
    expect(row.status).toBe('online');
  });

  describe('home page data', () => {
    it('is the first screen only: role-ordered categories with counts, the first tab, and small', async () => {
      const full = await call('student', 'GET', '/api/services?platform=weapp');
      const home = await call('student', 'GET', '/api/home?platform=weapp');
      expect(home.statusCode).toBe(200);
      const body = home.json<Home>();
      expect(body.categories[0]).toEqual({ id: 'student-affairs', name: '学工服务', count: expect.any(Number) });
      const catalog = full.json<Catalog>();
      expect(body.categories.reduce((n, c) => n + c.count, 0)).toBe(catalog.services.length);
      expect(body.firstCategory.services.map((s) => s.id)).toEqual(
        catalog.services.filter((s) => s.categoryId === 'student-affairs').map((s) => s.id),
      );
      expect(body.firstCategory.services[0]).not.toHaveProperty('description');
      expect(home.body.length).toBeLessThan(full.body.length / 2);
    });

    it('gives a counselor student affairs and class tools first, and a parent only parent services', async () => {
      const counselor = (await call('counselor', 'GET', '/api/home?platform=dd')).json<Home>();
      expect(counselor.categories.slice(0, 2).map((c) => c.id)).toEqual(['student-affairs', 'staff']);
      const parent = (await call('parent', 'GET', '/api/home?platform=h5')).json<Home>();
      // 家长服务 first; 学费缴纳 (生活服务) is for students and parents alike
      expect(parent.categories.map((c) => c.id)).toEqual(['parent', 'life']);
      expect(parent.firstCategory.services.map((s) => s.id).sort()).toEqual(['parent-leave', 'parent-notices', 'parent-portrait']);
    });

    it('carries favorites, recent and hot; other tabs come from the category endpoint', async () => {
      await call('student', 'PUT', '/api/me/favorites/transcript');
      await call('student', 'POST', '/api/services/dorm-repair/open');
      const home = (await call('student', 'GET', '/api/home?platform=h5')).json<Home>();
      expect(home.favorites.map((s) => s.id)).toEqual(['transcript']);
      expect(home.recent.map((s) => s.id)).toEqual(['dorm-repair']);
      expect(home.hot.map((s) => s.id)).toContain('dorm-repair');

      const study = await call('student', 'GET', '/api/categories/study/services?platform=h5');
      expect(study.statusCode).toBe(200);
      expect(study.json<{ services: AdminService[] }>().services.map((s) => s.id)).toContain('transcript');
      expect((await call('parent', 'GET', '/api/categories/study/services')).statusCode).toBe(404);
    });
  });

  it('badges: the to-do and unread counts for the tab bar come from the engine and the inbox', async () => {
    const before = await call('teacher', 'GET', '/api/me/badges');
    expect(before.statusCode).toBe(200);
    const start = before.json<{ todo: number; unreadMessages: number }>();

    // The 教室借用 definition routes a request to the demo teacher (the building manager).
    const submitted = await call('student', 'POST', '/api/microapps/classroom-booking/requests', {
      idempotencyKey: 'badge-test-request',
      values: CLASSROOM_VALUES,
    });
    expect(submitted.statusCode).toBe(201);

    const after = (await call('teacher', 'GET', '/api/me/badges')).json<{ todo: number; unreadMessages: number }>();
    expect(after.todo).toBe(start.todo + 1);
    expect(after.unreadMessages).toBeGreaterThan(start.unreadMessages);
    expect((await call('parent', 'GET', '/api/me/badges')).json()).toEqual({ todo: 0, unreadMessages: 0 });
  });
});
