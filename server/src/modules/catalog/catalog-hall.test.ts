import type { Role } from '../../../../types/roles';
import type { ServiceList, ServiceSearchResponse } from '../../../../types/catalog';
import { demoAccount } from '../../../../mocks/campus/demo-accounts';
import { TEST_DIALECTS, bearer, createTestApp, login, type TestApp } from '../../test/test-app';

describe.each(TEST_DIALECTS)('service hall (search, favorites, recent, hot) on %s', (dialect) => {
  let t: TestApp;
  const tokens = new Map<Role, string>();
  const ROLES = ['student', 'parent', 'teacher', 'dispatcher', 'admin'] as const;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const role of ROLES) {
      const account = demoAccount(role);
      tokens.set(role, (await login(t.app, account.username, account.password)).accessToken);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  async function searchAs(role: Role, q: string, platform?: string): Promise<ServiceSearchResponse['results']> {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/services/search',
      query: platform ? { q, platform } : { q },
      headers: bearer(tokens.get(role)!),
    });
    expect(response.statusCode).toBe(200);
    return response.json<ServiceSearchResponse>().results;
  }
  const names = (results: ServiceSearchResponse['results']) => results.map((result) => result.service.name);

  async function call(role: Role, method: 'GET' | 'PUT' | 'DELETE' | 'POST', url: string, payload?: unknown) {
    return t.app.inject({ method, url, headers: bearer(tokens.get(role)!), ...(payload ? { payload: payload as object } : {}) });
  }
  const ids = (body: ServiceList) => body.services.map((service) => service.id);

  describe('search', () => {
    it('finds Chinese substrings of the name and highlights them', async () => {
      const results = await searchAs('student', '报修');
      expect(names(results)[0]).toBe('公寓报修');
      expect(results[0]!.highlight).toEqual({ field: 'name', ranges: [[2, 4]] });
      expect(results[0]!.score).toBe(80);
      // the offline 旧版报修系统 is never found
      expect(names(results)).not.toContain('旧版报修系统');
    });

    it('finds full pinyin and pinyin initials', async () => {
      for (const q of ['baoxiu', 'bx', 'BX', 'baox', 'gongyubaoxiu']) {
        const results = await searchAs('student', q);
        expect({ q, first: names(results)[0] }).toEqual({ q, first: '公寓报修' });
      }
      expect((await searchAs('student', 'bx'))[0]!.highlight.ranges).toEqual([[2, 4]]);
      const leave = await searchAs('student', 'lfx');
      expect(names(leave)[0]).toBe('节假日离返校');
      expect(leave[0]!.highlight.ranges).toEqual([[3, 6]]);
      const walk = await searchAs('teacher', 'jbz', 'dd');
      expect(names(walk)[0]).toBe('教职工健步走');
      expect(walk[0]!.highlight.ranges).toEqual([[3, 6]]);
    });

    it('matches keywords, category and department below the name', async () => {
      const byKeyword = await searchAs('student', 'GPA');
      expect(byKeyword[0]).toEqual(expect.objectContaining({ score: 60, highlight: { field: 'name', ranges: [] } }));
      expect(byKeyword[0]!.service.id).toBe('transcript');
      const byDepartment = await searchAs('student', '国际交流处');
      expect(byDepartment.map((result) => [result.service.id, result.score])).toContainEqual(['study-abroad', 50]);
    });

    it('ranks exact name > prefix > substring > pinyin > keyword, ties by opens this week', async () => {
      expect((await searchAs('student', '迎新'))[0]).toEqual(expect.objectContaining({ score: 100 }));
      const repair = await searchAs('dispatcher', '报修');
      expect(names(repair).slice(0, 3)).toEqual(['报修调度', '公寓报修', '宿舍报修']);
      expect(repair.map((result) => result.score).slice(0, 3)).toEqual([90, 80, 80]);
      const scores = repair.map((result) => result.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));

      // 宿舍报修 opened this week → ahead of 公寓报修 in the same tier
      expect((await call('dispatcher', 'POST', '/api/services/staff-dorm-repair/open')).statusCode).toBe(204);
      expect(names(await searchAs('dispatcher', '报修')).slice(0, 3)).toEqual(['报修调度', '宿舍报修', '公寓报修']);
    });

    it('only finds what the caller may see on the platform: a parent never finds staff services', async () => {
      expect(await searchAs('parent', '报修')).toEqual([]);
      expect(await searchAs('parent', 'jbz')).toEqual([]);
      expect(names(await searchAs('parent', 'lfx'))).toEqual(['家长查看离返校']);
      expect(await searchAs('student', 'jbz')).toEqual([]);
      expect(names(await searchAs('teacher', 'jbz', 'h5'))).toEqual(['教职工健步走']);
      expect(await searchAs('teacher', 'zcpd', 'weapp')).toEqual([]);
      expect(names(await searchAs('teacher', 'zcpd', 'dd'))).toEqual(['资产盘点']);
    });

    it('refuses an empty or too long query with a Chinese message', async () => {
      for (const q of ['', '   ', '报'.repeat(51), 'x'.repeat(201), 'not-a-valid-value', '%00']) {
        const response = await call('student', 'GET', `/api/services/search?q=${encodeURIComponent(q)}`);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual(expect.objectContaining({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/[\u4e00-\u9fa5]/) }));
      }
      expect((await call('student', 'GET', '/api/services/search')).statusCode).toBe(400);
      expect((await t.app.inject({ method: 'GET', url: '/api/services/search?q=bx' })).statusCode).toBe(401);
    });

    it('follows catalog changes made in the database (cache keyed by the catalog version)', async () => {
      const before = (await t.app.db.selectFrom('catalog_state').select('version').executeTakeFirstOrThrow()).version;
      await t.app.db.updateTable('services').set({ name: '宿舍水电报修' }).where('id', '=', 'dorm-repair').execute();
      try {
        const after = (await t.app.db.selectFrom('catalog_state').select('version').executeTakeFirstOrThrow()).version;
        expect(Number(after)).toBeGreaterThan(Number(before));
        expect(names(await searchAs('student', 'sdbx'))).toContain('宿舍水电报修');
        await t.app.db.updateTable('services').set({ status: 'offline' }).where('id', '=', 'dorm-repair').execute();
        expect(names(await searchAs('student', 'bx'))).not.toContain('宿舍水电报修');
      } finally {
        await t.app.db.updateTable('services').set({ name: '公寓报修', status: 'online' }).where('id', '=', 'dorm-repair').execute();
      }
      expect(names(await searchAs('student', 'bx'))[0]).toBe('公寓报修');
    });
  });

  describe('favorites', () => {
    it('adds (idempotently), reorders and removes, kept per person across sessions and platforms', async () => {
      expect(ids((await call('student', 'PUT', '/api/me/favorites/dorm-repair')).json())).toEqual(['dorm-repair']);
      expect(ids((await call('student', 'PUT', '/api/me/favorites/timetable')).json())).toEqual(['dorm-repair', 'timetable']);
      expect(ids((await call('student', 'PUT', '/api/me/favorites/dorm-repair')).json())).toEqual(['dorm-repair', 'timetable']);
      const reordered = await call('student', 'PUT', '/api/me/favorites/order', { serviceIds: ['timetable', 'dorm-repair'] });
      expect(reordered.statusCode).toBe(200);
      expect(ids(reordered.json())).toEqual(['timetable', 'dorm-repair']);

      // another session on another platform sees the same list
      const account = demoAccount('student');
      const weapp = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-client-platform': 'weapp' },
        payload: { username: account.username, password: account.password },
      });
      const onWeapp = await t.app.inject({ method: 'GET', url: '/api/me/favorites', headers: bearer(weapp.json().accessToken) });
      expect(ids(onWeapp.json())).toEqual(['timetable', 'dorm-repair']);
      // somebody else's favorites are their own
      expect(ids((await call('teacher', 'GET', '/api/me/favorites')).json())).toEqual([]);

      expect((await call('student', 'DELETE', '/api/me/favorites/timetable')).statusCode).toBe(204);
      expect((await call('student', 'DELETE', '/api/me/favorites/timetable')).statusCode).toBe(204);
      expect(ids((await call('student', 'GET', '/api/me/favorites')).json())).toEqual(['dorm-repair']);
    });

    it('only favorites services the caller may see, and refuses an order with unknown ids', async () => {
      for (const id of ['staff-walk', 'no-such-service', 'legacy-repair']) {
        const response = await call('student', 'PUT', `/api/me/favorites/${id}`);
        expect(response.statusCode).toBe(404);
        expect(response.json().code).toBe('NOT_FOUND');
      }
      expect((await call('parent', 'PUT', '/api/me/favorites/dorm-repair')).statusCode).toBe(404);
      for (const serviceIds of [['staff-walk'], ['dorm-repair', 'dorm-repair']]) {
        const response = await call('student', 'PUT', '/api/me/favorites/order', { serviceIds });
        expect(response.statusCode).toBe(400);
        expect(response.json().code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('recently used and hot', () => {
    it('records opens (a double tap within 5 s counts once) and lists the last 8, newest first', async () => {
      const person = (await t.app.db.selectFrom('people').select('id').where('number', '=', demoAccount('student').username).executeTakeFirstOrThrow()).id;
      const count = async () =>
        Number((await t.app.db.selectFrom('service_usage').select((eb) => eb.fn.countAll().as('n')).where('person_id', '=', person).executeTakeFirstOrThrow()).n);
      const opened = ['timetable', 'transcript', 'library-seat', 'print-booking', 'scholarship', 'shuttle-bus', 'tuition-payment', 'leave-request', 'free-classroom'];
      expect(await count()).toBe(0);
      expect((await call('student', 'POST', '/api/services/timetable/open')).statusCode).toBe(204);
      expect((await call('student', 'POST', '/api/services/timetable/open')).statusCode).toBe(204);
      expect(await count()).toBe(1);
      // older opens, backdated so they are not double taps
      let at = Date.now() - 60_000 * opened.length;
      for (const id of opened.slice(1)) {
        at += 60_000;
        await t.app.db.insertInto('service_usage').values({ id: `u-${id}`, person_id: person, service_id: id, opened_at: new Date(at).toISOString() }).execute();
      }
      // backdated as a real open from an hour ago would be: its id belongs to that hour's time bucket
      await t.app.db.updateTable('service_usage').set({ id: 'u-timetable-earlier', opened_at: new Date(Date.now() - 3_600_000).toISOString() }).where('person_id', '=', person).where('service_id', '=', 'timetable').execute();
      const recent = ids((await call('student', 'GET', '/api/me/recent')).json());
      expect(recent).toEqual([...opened.slice(1)].reverse().slice(0, 8));
      expect((await call('student', 'POST', '/api/services/staff-walk/open')).statusCode).toBe(404);
      expect((await call('student', 'POST', '/api/services/timetable/open')).statusCode).toBe(204);
      expect(ids((await call('student', 'GET', '/api/me/recent')).json())[0]).toBe('timetable');
    });

    it('counts simultaneous taps on the same service once', async () => {
      const person = (await t.app.db.selectFrom('people').select('id').where('number', '=', demoAccount('student').username).executeTakeFirstOrThrow()).id;
      const opensSince = async (since: Date) =>
        (await t.app.db.selectFrom('service_usage').select('id').where('person_id', '=', person).where('service_id', '=', 'transcript').where('opened_at', '>=', since.toISOString()).execute()).length;
      const before = new Date();
      expect(await opensSince(before)).toBe(0);
      const taps = await Promise.all(Array.from({ length: 5 }, () => call('student', 'POST', '/api/services/transcript/open')));
      expect(taps.map((tap) => tap.statusCode)).toEqual([204, 204, 204, 204, 204]);
      expect(await opensSince(before)).toBe(1);
    });

    it('ranks hot services by opens in the last 7 days, only those the caller may see', async () => {
      const people = await t.app.db.selectFrom('people').select('id').where('kind', '=', 'student').limit(5).execute();
      const now = Date.now();
      let n = 0;
      for (const person of people) {
        for (const [serviceId, ageDays] of [['card-recharge', 1], ['card-recharge', 2], ['scholarship', 3], ['vehicle-request', 1], ['free-classroom', 8], ['free-classroom', 9]] as const) {
          n += 1;
          await t.app.db.insertInto('service_usage').values({ id: `hot-${n}`, person_id: person.id, service_id: serviceId, opened_at: new Date(now - ageDays * 86_400_000).toISOString() }).execute();
        }
      }
      const hot = ids((await call('student', 'GET', '/api/services/hot')).json());
      expect(hot[0]).toBe('card-recharge');
      expect(hot.indexOf('scholarship')).toBeGreaterThan(0);
      expect(hot).not.toContain('vehicle-request'); // staff only
      expect(hot.indexOf('free-classroom') === -1 || hot.indexOf('free-classroom') > hot.indexOf('scholarship')).toBe(true);
      const parentHot = ids((await call('parent', 'GET', '/api/services/hot')).json());
      expect(parentHot).not.toContain('card-recharge');
    });
  });
});
