import type { Catalog } from '../../../../types/api';
import type { Platform, Role } from '../../../../types/roles';
import { SERVICES } from '../../../../mocks/campus/catalog';
import { demoAccount } from '../../../../mocks/campus/demo-accounts';
import { TEST_DIALECTS, bearer, createTestApp, login, type TestApp } from '../../test/test-app';

const STAFF_ONLY = SERVICES.filter((service) => !service.roles.includes('student')).map((service) => service.id);

describe.each(TEST_DIALECTS)('catalog on %s', (dialect) => {
  let t: TestApp;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const role of ['student', 'parent', 'teacher', 'guard', 'admin'] as const) {
      const account = demoAccount(role);
      tokens.set(role, (await login(t.app, account.username, account.password)).accessToken);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  async function catalogFor(role: Role, platform?: Platform): Promise<Catalog> {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/services',
      query: platform ? { platform } : {},
      headers: bearer(tokens.get(role)!),
    });
    expect(response.statusCode).toBe(200);
    return response.json<Catalog>();
  }

  it('requires login', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/services' });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('UNAUTHENTICATED');
  });

  it('shows a parent only the services meant for parents', async () => {
    const catalog = await catalogFor('parent', 'h5');
    const names = catalog.services.map((service) => service.name);
    expect(names).toContain('家长查看离返校');
    expect(names).not.toContain('公寓报修');
    for (const service of catalog.services) {
      expect(SERVICES.find((entry) => entry.id === service.id)!.roles).toContain('parent');
    }
  });

  it('shows a student the student services and none of the staff-only ones', async () => {
    const catalog = await catalogFor('student');
    const ids = catalog.services.map((service) => service.id);
    expect(ids).toEqual(expect.arrayContaining(['holiday-leave', 'dorm-repair', 'timetable']));
    expect(STAFF_ONLY.length).toBeGreaterThan(5);
    for (const id of STAFF_ONLY) expect(ids).not.toContain(id);
  });

  it('filters by platform', async () => {
    const onWeapp = (await catalogFor('teacher', 'weapp')).services.map((service) => service.id);
    const onDd = (await catalogFor('teacher', 'dd')).services.map((service) => service.id);
    expect(onDd).toEqual(expect.arrayContaining(['staff-walk', 'title-certificate', 'asset-inventory']));
    expect(onWeapp).toContain('staff-walk');
    expect(onWeapp).not.toContain('title-certificate');
    expect(onWeapp).not.toContain('asset-inventory');
    const everywhere = (await catalogFor('teacher')).services.map((service) => service.id);
    expect(everywhere.length).toBeGreaterThanOrEqual(onDd.length);
    for (const service of (await catalogFor('teacher', 'weapp')).services) expect(service.platforms).toContain('weapp');
  });

  it('hides offline services and keeps maintenance ones with their message', async () => {
    const catalog = await catalogFor('student');
    expect(catalog.services.every((service) => service.status !== 'offline')).toBe(true);
    expect(catalog.services.find((service) => service.id === 'legacy-repair')).toBeUndefined();
    const recharge = catalog.services.find((service) => service.id === 'card-recharge');
    expect(recharge).toEqual(
      expect.objectContaining({ status: 'maintenance', statusMessage: '系统升级中，预计 20:00 恢复' }),
    );
  });

  it('follows status changes in the database (nothing is cached in the process)', async () => {
    await t.app.db.updateTable('services').set({ status: 'offline' }).where('id', '=', 'timetable').execute();
    try {
      const ids = (await catalogFor('student')).services.map((service) => service.id);
      expect(ids).not.toContain('timetable');
    } finally {
      await t.app.db.updateTable('services').set({ status: 'online' }).where('id', '=', 'timetable').execute();
    }
  });

  it('lists only categories that have a visible service, in order, and exposes no internal fields', async () => {
    const catalog = await catalogFor('parent');
    const categoryIds = new Set(catalog.services.map((service) => service.categoryId));
    expect(catalog.categories.map((category) => category.id).sort()).toEqual([...categoryIds].sort());
    // the caller's roles' categories first (家长服务 for a parent), then the others by sort
    expect(catalog.categories[0]?.id).toBe('parent');
    const sorts = catalog.categories.slice(1).map((category) => category.sort);
    expect(sorts).toEqual([...sorts].sort((a, b) => a - b));
    for (const service of catalog.services) {
      expect(service).not.toHaveProperty('roles');
      expect(service).not.toHaveProperty('keywords');
    }
  });

  it('rejects an unknown platform or query parameter with 400', async () => {
    for (const query of [{ platform: 'alipay' }, { platform: 'h5', page: '2' }] as Record<string, string>[]) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/services',
        query,
        headers: bearer(tokens.get('student')!),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
  });
});
