/**
 * The authorization matrix: every endpoint × every role (and anonymous) × the caller's own row /
 * someone else's row, with the status each must get. Later issues extend ENDPOINTS with a row per
 * endpoint they add — the last test fails while a documented route has no row here.
 *
 * Rows: `own` is a row the caller may touch by relation (themselves; for a counselor a student
 * of their class; for a parent their child; for an admin any student); `other` is a student who
 * is none of those; `-` is an endpoint without a row (the caller's own data, or public).
 */
import type { InjectOptions } from 'fastify';
import { DEMO_PASSWORD, demoAccount } from '../../../mocks/campus/demo-accounts';
import type { Role } from '../../../types/roles';
import { randomUUID } from 'node:crypto';
import { engineFixtures, prepareEngineFixtures } from '../modules/workflow/matrix-fixtures';
import { TEST_DIALECTS, bearer, createTestApp, login, type TestApp } from './test-app';

type Actor = Extract<Role, 'student' | 'counselor' | 'teacher' | 'parent' | 'admin'> | 'anonymous';
type Target = 'own' | 'other' | '-';
const ACTORS: Actor[] = ['student', 'counselor', 'teacher', 'parent', 'admin', 'anonymous'];

interface Ids {
  self: string;
  /** the row the actor is related to (see above) */
  own: string;
  /** a student unrelated to the actor */
  other: string;
  /** a student nobody in the matrix is, for admin actions that change a person */
  bystander: string;
}

interface Endpoint {
  method: NonNullable<InjectOptions['method']>;
  /** the route as registered (checked against the app's routes) */
  route: string;
  request: (target: string, ids: Ids) => { url: string; payload?: unknown };
  /** status per target and actor; a number applies to every actor */
  expect: Partial<Record<Target, Partial<Record<Actor, number>> & { all?: number }>>;
  /** the row needs its own session (logout ends it) */
  freshSession?: boolean;
}

const ALL_SIGNED_IN = (status: number) => ({ student: status, counselor: status, teacher: status, parent: status, admin: status, anonymous: 401 });
const ONLY = (allowed: Partial<Record<Actor, number>>, otherwise = 403) => ({ ...ALL_SIGNED_IN(otherwise), ...allowed });
const PUBLIC = (status: number) => ({ all: status });
/** walking challenges (issue 6) are for staff: students and parents get 403 everywhere */
const STAFF = (status: number, otherwise = 403) => ONLY({ counselor: status, teacher: status, admin: status }, otherwise);
// the seeded challenges: `own` one for all staff; `other` one for logistics only (the teacher and counselor are outside it)
const WALK = (target: string, ids: Ids) => `/api/walk/challenges/${target === ids.other ? 'demo-walk-logistics' : 'demo-walk'}`;
let unknownAccounts = 0;
/** portrait (issue 7): a warning of a student in the demo counselor's class, and one of another class (set in beforeAll) */
const portraitWarnings = { own: '', other: '' };

export const ENDPOINTS: Endpoint[] = [
  { method: 'GET', route: '/api/health', request: () => ({ url: '/api/health' }), expect: { '-': PUBLIC(200) } },
  { method: 'GET', route: '/api/auth/providers', request: () => ({ url: '/api/auth/providers' }), expect: { '-': PUBLIC(200) } },
  {
    method: 'POST',
    route: '/api/auth/login',
    // a different unknown account each time: six failures on one account would be a 429 (back-off)
    request: () => ({ url: '/api/auth/login', payload: { username: `unknown-${(unknownAccounts += 1)}`, password: 'wrong' } }),
    expect: { '-': PUBLIC(401) },
  },
  { method: 'POST', route: '/api/auth/exchange', request: () => ({ url: '/api/auth/exchange', payload: { code: 'x'.repeat(43) } }), expect: { '-': PUBLIC(401) } },
  { method: 'POST', route: '/api/auth/refresh', request: () => ({ url: '/api/auth/refresh', payload: { refreshToken: 'x'.repeat(43) } }), expect: { '-': PUBLIC(401) } },
  { method: 'GET', route: '/api/auth/cas/login', request: () => ({ url: '/api/auth/cas/login' }), expect: { '-': PUBLIC(302) } },
  { method: 'GET', route: '/api/auth/cas/callback', request: () => ({ url: '/api/auth/cas/callback?ticket=ST-1' }), expect: { '-': PUBLIC(302) } },
  { method: 'GET', route: '/api/auth/oidc/login', request: () => ({ url: '/api/auth/oidc/login' }), expect: { '-': PUBLIC(302) } },
  { method: 'GET', route: '/api/auth/oidc/callback', request: () => ({ url: '/api/auth/oidc/callback?state=x&code=y' }), expect: { '-': PUBLIC(302) } },
  // no WeChat / DingTalk / SMS configured in this app: the same 404 PROVIDER_DISABLED for everyone
  { method: 'POST', route: '/api/auth/wechat', request: () => ({ url: '/api/auth/wechat', payload: { code: 'c' } }), expect: { '-': PUBLIC(404) } },
  { method: 'POST', route: '/api/auth/dingtalk', request: () => ({ url: '/api/auth/dingtalk', payload: { authCode: 'c' } }), expect: { '-': PUBLIC(404) } },
  {
    method: 'POST',
    route: '/api/auth/bind',
    request: () => ({ url: '/api/auth/bind', payload: { bindTicket: 'x'.repeat(43), username: 'u', password: 'p' } }),
    expect: { '-': PUBLIC(401) },
  },
  { method: 'POST', route: '/api/auth/sms/send', request: () => ({ url: '/api/auth/sms/send', payload: { mobile: '13900000000' } }), expect: { '-': PUBLIC(404) } },
  {
    method: 'POST',
    route: '/api/auth/sms/login',
    request: () => ({ url: '/api/auth/sms/login', payload: { mobile: '13900000000', code: '123456' } }),
    expect: { '-': PUBLIC(404) },
  },
  { method: 'POST', route: '/api/auth/logout', request: () => ({ url: '/api/auth/logout' }), expect: { '-': ALL_SIGNED_IN(204) }, freshSession: true },
  { method: 'GET', route: '/api/me', request: () => ({ url: '/api/me' }), expect: { '-': ALL_SIGNED_IN(200) } },
  {
    method: 'PUT',
    route: '/api/me/active-child',
    request: (target) => ({ url: '/api/me/active-child', payload: { studentId: target } }),
    expect: { own: ONLY({ parent: 200 }), other: ONLY({}) },
  },
  {
    method: 'PUT',
    route: '/api/me/parent-visibility',
    request: () => ({ url: '/api/me/parent-visibility', payload: { leaveStatus: true, portrait: false } }),
    expect: { '-': ONLY({ student: 200 }) },
  },
  // nobody in the matrix has a binding: 404 for every signed-in caller (unbinding is in sessions.test.ts)
  { method: 'DELETE', route: '/api/me/bindings/:provider', request: () => ({ url: '/api/me/bindings/wechat' }), expect: { '-': ALL_SIGNED_IN(404) } },
  { method: 'GET', route: '/api/services', request: () => ({ url: '/api/services?platform=h5' }), expect: { '-': ALL_SIGNED_IN(200) } },
  // service hall (issue 4): everyone signed in searches / lists what they may see; `timetable` is for students, teachers and counselors only
  { method: 'GET', route: '/api/services/search', request: () => ({ url: '/api/services/search?q=bx&platform=h5' }), expect: { '-': ALL_SIGNED_IN(200) } },
  { method: 'GET', route: '/api/services/hot', request: () => ({ url: '/api/services/hot' }), expect: { '-': ALL_SIGNED_IN(200) } },
  {
    method: 'POST',
    route: '/api/services/:id/open',
    request: () => ({ url: '/api/services/timetable/open' }),
    expect: { '-': ONLY({ student: 204, counselor: 204, teacher: 204 }, 404) },
  },
  { method: 'GET', route: '/api/me/recent', request: () => ({ url: '/api/me/recent' }), expect: { '-': ALL_SIGNED_IN(200) } },
  { method: 'GET', route: '/api/me/favorites', request: () => ({ url: '/api/me/favorites' }), expect: { '-': ALL_SIGNED_IN(200) } },
  {
    method: 'PUT',
    route: '/api/me/favorites/:serviceId',
    request: () => ({ url: '/api/me/favorites/timetable' }),
    expect: { '-': ONLY({ student: 200, counselor: 200, teacher: 200 }, 404) },
  },
  {
    method: 'PUT',
    route: '/api/me/favorites/order',
    request: () => ({ url: '/api/me/favorites/order', payload: { serviceIds: [] } }),
    expect: { '-': ALL_SIGNED_IN(200) },
  },
  { method: 'DELETE', route: '/api/me/favorites/:serviceId', request: () => ({ url: '/api/me/favorites/timetable' }), expect: { '-': ALL_SIGNED_IN(204) } },
  // service hall, second half (issue 4): home data, category tabs, badges, notices, catalog administration (admins only)
  { method: 'GET', route: '/api/home', request: () => ({ url: '/api/home?platform=h5' }), expect: { '-': ALL_SIGNED_IN(200) } },
  {
    method: 'GET',
    route: '/api/categories/:categoryId/services',
    // a parent sees nothing in 学习教务: the same 404 as for a category that does not exist
    request: () => ({ url: '/api/categories/study/services' }),
    expect: { '-': ONLY({ student: 200, counselor: 200, teacher: 200, admin: 200 }, 404) },
  },
  { method: 'GET', route: '/api/me/badges', request: () => ({ url: '/api/me/badges' }), expect: { '-': ALL_SIGNED_IN(200) } },
  { method: 'GET', route: '/api/notices', request: () => ({ url: '/api/notices' }), expect: { '-': ALL_SIGNED_IN(200) } },
  { method: 'GET', route: '/api/admin/notices', request: () => ({ url: '/api/admin/notices' }), expect: { '-': ONLY({ admin: 200 }) } },
  {
    method: 'POST',
    route: '/api/admin/notices',
    request: () => ({ url: '/api/admin/notices', payload: { title: '矩阵测试通知', audience: ['student'] } }),
    expect: { '-': ONLY({ admin: 201 }) },
  },
  {
    method: 'PATCH',
    route: '/api/admin/notices/:id',
    request: () => ({ url: '/api/admin/notices/demo-card-upgrade', payload: { level: 'warning' } }),
    expect: { '-': ONLY({ admin: 200 }) },
  },
  { method: 'DELETE', route: '/api/admin/notices/:id', request: () => ({ url: '/api/admin/notices/demo-staff-walk' }), expect: { '-': ONLY({ admin: 204 }) } },
  { method: 'GET', route: '/api/admin/catalog', request: () => ({ url: '/api/admin/catalog' }), expect: { '-': ONLY({ admin: 200 }) } },
  {
    method: 'PUT',
    route: '/api/admin/catalog',
    request: () => ({ url: '/api/admin/catalog', payload: { format: 'zhihui-catalog/1', categories: [], services: [] } }),
    expect: { '-': ONLY({ admin: 200 }) },
  },
  {
    method: 'POST',
    route: '/api/admin/services',
    request: () => ({
      url: '/api/admin/services',
      payload: {
        id: 'matrix-service', name: '矩阵服务', icon: 'doc', description: '', categoryId: 'office', department: '信息中心',
        kind: 'link', target: 'https://example.edu.cn', platforms: ['h5'], roles: ['admin'],
      },
    }),
    expect: { '-': ONLY({ admin: 201 }) },
  },
  {
    method: 'PUT',
    route: '/api/admin/services/order',
    request: () => ({ url: '/api/admin/services/order', payload: { serviceIds: ['timetable'] } }),
    expect: { '-': ONLY({ admin: 204 }) },
  },
  {
    method: 'PATCH',
    route: '/api/admin/services/:id',
    request: () => ({ url: '/api/admin/services/timetable', payload: { description: '本学期课表与上课地点' } }),
    expect: { '-': ONLY({ admin: 200 }) },
  },
  { method: 'GET', route: '/api/admin/catalog/audit', request: () => ({ url: '/api/admin/catalog/audit' }), expect: { '-': ONLY({ admin: 200 }) } },
  {
    method: 'GET',
    route: '/api/people/:id',
    request: (target) => ({ url: `/api/people/${target}` }),
    expect: { own: ALL_SIGNED_IN(200), other: ONLY({ admin: 200 }) },
  },
  {
    method: 'POST',
    route: '/api/admin/people/:id/disable',
    request: (target, ids) => ({ url: `/api/admin/people/${target === ids.other ? ids.bystander : ids.self}/disable` }),
    // `own`: disabling oneself (an admin may not); `other`: a bystander, enabled again by the next row
    expect: { own: ONLY({ admin: 409 }), other: ONLY({ admin: 204 }) },
  },
  {
    method: 'POST',
    route: '/api/admin/people/:id/enable',
    request: (_target, ids) => ({ url: `/api/admin/people/${ids.bystander}/enable` }),
    expect: { other: ONLY({ admin: 204 }) },
  },
  // micro-app engine (issue 5): requests are visible to their applicant, assignees and CC'd people only
  { method: 'GET', route: '/api/microapps', request: () => ({ url: '/api/microapps' }), expect: { '-': ALL_SIGNED_IN(200) } },
  { method: 'GET', route: '/api/microapps/locations', request: () => ({ url: '/api/microapps/locations?scope=teaching' }), expect: { '-': ALL_SIGNED_IN(200) } },
  {
    method: 'GET',
    route: '/api/microapps/locations/:buildingId/rooms',
    request: () => ({ url: '/api/microapps/locations/teach-1/rooms' }),
    expect: { '-': ALL_SIGNED_IN(200) },
  },
  { method: 'GET', route: '/api/microapps/people', request: () => ({ url: '/api/microapps/people?role=worker' }), expect: { '-': ALL_SIGNED_IN(200) } },
  { method: 'GET', route: '/api/microapps/:key', request: () => ({ url: '/api/microapps/repair' }), expect: { '-': ONLY({ student: 200, counselor: 200, teacher: 200, admin: 200 }) } },
  {
    method: 'GET',
    route: '/api/microapps/:key/versions/:version',
    request: () => ({ url: '/api/microapps/repair/versions/1' }),
    expect: { '-': ONLY({ student: 200, counselor: 200, teacher: 200, admin: 200 }) },
  },
  {
    method: 'POST',
    route: '/api/microapps/:key/requests',
    // empty values: whoever may use the app gets the field-by-field 400, nobody else gets that far
    request: () => ({ url: '/api/microapps/classroom-booking/requests', payload: { idempotencyKey: randomUUID(), values: {} } }),
    expect: { '-': ONLY({ student: 400, counselor: 400, teacher: 400, admin: 400 }) },
  },
  {
    method: 'GET',
    route: '/api/microapps/:key/tickets',
    // only requests the caller takes part in: the fixture request is the student's and the teacher's
    request: () => ({ url: '/api/microapps/classroom-booking/tickets?status=open' }),
    expect: { '-': ALL_SIGNED_IN(200) },
  },
  { method: 'GET', route: '/api/microapps/:key/stats', request: () => ({ url: '/api/microapps/repair/stats' }), expect: { '-': ONLY({ admin: 200 }) } },
  {
    method: 'POST',
    route: '/api/admin/microapps/validate',
    request: () => ({ url: '/api/admin/microapps/validate', payload: { definition: { key: 'x' } } }),
    expect: { '-': ONLY({ admin: 200 }) },
  },
  {
    method: 'POST',
    route: '/api/admin/microapps',
    request: () => ({ url: '/api/admin/microapps', payload: { definition: { key: 'x' } } }),
    expect: { '-': ONLY({ admin: 400 }) },
  },
  { method: 'GET', route: '/api/admin/microapps/:key/versions', request: () => ({ url: '/api/admin/microapps/repair/versions' }), expect: { '-': ONLY({ admin: 200 }) } },
  {
    method: 'POST',
    route: '/api/admin/microapps/:key/versions/:version/publish',
    request: () => ({ url: '/api/admin/microapps/repair/versions/1/publish' }),
    expect: { '-': ONLY({ admin: 409 }) },
  },
  { method: 'POST', route: '/api/uploads', request: () => ({ url: '/api/uploads', payload: {} }), expect: { '-': ALL_SIGNED_IN(415) } },
  // one's own uploads only: an id that is not yours is simply not in the answer
  { method: 'POST', route: '/api/uploads/urls', request: () => ({ url: '/api/uploads/urls', payload: { ids: ['not-mine'] } }), expect: { '-': ALL_SIGNED_IN(200) } },
  { method: 'GET', route: '/api/uploads/:id/content', request: () => ({ url: '/api/uploads/x/content?exp=9999999999&sig=forged' }), expect: { '-': PUBLIC(403) } },
  {
    method: 'GET',
    route: '/api/workflow/requests/:id',
    request: () => ({ url: `/api/workflow/requests/${engineFixtures.requestId}` }),
    expect: { '-': ONLY({ student: 200, teacher: 200 }) },
  },
  {
    method: 'POST',
    route: '/api/workflow/requests/:id/actions',
    request: () => ({ url: `/api/workflow/requests/${engineFixtures.requestId}/actions`, payload: { action: 'comment', comment: '矩阵测试' } }),
    expect: { '-': ONLY({ student: 200, teacher: 200 }) },
  },
  {
    method: 'POST',
    route: '/api/workflow/tasks/:taskId/actions',
    request: () => ({ url: `/api/workflow/tasks/${engineFixtures.taskId}/actions`, payload: { action: 'comment', comment: '矩阵测试' } }),
    expect: { '-': ONLY({ teacher: 200 }) },
  },
  {
    method: 'POST',
    route: '/api/workflow/tasks/batch',
    // someone else's task in the batch: reported as not done, never done
    request: () => ({ url: '/api/workflow/tasks/batch', payload: { taskIds: ['no-such-task'], action: 'approve' } }),
    expect: { '-': ALL_SIGNED_IN(200) },
  },
  { method: 'GET', route: '/api/workflow/tasks', request: () => ({ url: '/api/workflow/tasks?box=todo' }), expect: { '-': ALL_SIGNED_IN(200) } },
  { method: 'GET', route: '/api/workflow/counts', request: () => ({ url: '/api/workflow/counts' }), expect: { '-': ALL_SIGNED_IN(200) } },
  { method: 'GET', route: '/api/messages', request: () => ({ url: '/api/messages' }), expect: { '-': ALL_SIGNED_IN(200) } },
  {
    method: 'POST',
    route: '/api/messages/:id/read',
    request: () => ({ url: `/api/messages/${engineFixtures.teacherMessageId}/read` }),
    expect: { '-': ONLY({ teacher: 200 }) },
  },
  // everyone may clear their own inbox; the messages test checks nobody else's changes
  { method: 'POST', route: '/api/messages/read-all', request: () => ({ url: '/api/messages/read-all' }), expect: { '-': ALL_SIGNED_IN(200) } },
  // who leads each college (the engine's collegeLeader approvals): admins only, checked before the college is looked up
  { method: 'GET', route: '/api/admin/college-leaders', request: () => ({ url: '/api/admin/college-leaders' }), expect: { '-': ONLY({ admin: 200 }) } },
  {
    method: 'PUT',
    route: '/api/admin/college-leaders/:collegeId',
    request: () => ({ url: '/api/admin/college-leaders/no-such-college', payload: { personId: 'nobody' } }),
    expect: { '-': ONLY({ admin: 404 }) },
  },
  // staff walking (issue 6)
  { method: 'GET', route: '/api/walk/challenges', request: () => ({ url: '/api/walk/challenges' }), expect: { '-': STAFF(200) } },
  {
    method: 'POST',
    route: '/api/walk/challenges',
    request: () => ({
      url: '/api/walk/challenges',
      payload: { name: '矩阵', startDate: '2027-03-01', endDate: '2027-03-31', scope: 'all', teamMode: 'department', dailyGoal: 8000, dailyCap: 20000, joinMode: 'opt_in' },
    }),
    expect: { '-': ONLY({ admin: 201 }) },
  },
  { method: 'GET', route: '/api/walk/challenges/:id', request: (target, ids) => ({ url: WALK(target, ids) }), expect: { own: STAFF(200), other: ONLY({ admin: 200 }) } },
  {
    method: 'PUT',
    route: '/api/walk/challenges/:id',
    request: () => ({
      url: '/api/walk/challenges/no-such-challenge',
      payload: { name: '矩阵', startDate: '2027-03-01', endDate: '2027-03-31', scope: 'all', teamMode: 'department', dailyGoal: 8000, dailyCap: 20000, joinMode: 'opt_in' },
    }),
    expect: { '-': ONLY({ admin: 404 }) },
  },
  { method: 'DELETE', route: '/api/walk/challenges/:id', request: () => ({ url: '/api/walk/challenges/no-such-challenge' }), expect: { '-': ONLY({ admin: 404 }) } },
  {
    method: 'POST',
    route: '/api/walk/challenges/:id/participation',
    request: (target, ids) => ({ url: `${WALK(target, ids)}/participation`, payload: { consent: true } }),
    // the admin may look at the logistics challenge but not join it
    expect: { own: STAFF(200), other: ONLY({}) },
  },
  {
    method: 'DELETE',
    route: '/api/walk/challenges/:id/participation',
    request: (target, ids) => ({ url: `${WALK(target, ids)}/participation` }),
    expect: { other: ONLY({ admin: 404 }) },
  },
  {
    method: 'GET',
    route: '/api/walk/challenges/:id/leaderboard',
    request: (target, ids) => ({ url: `${WALK(target, ids)}/leaderboard?period=week&board=departments` }),
    expect: { own: STAFF(200), other: ONLY({ admin: 200 }) },
  },
  {
    method: 'POST',
    route: '/api/walk/challenges/:id/likes',
    // a student is nobody's walking day: 404 for staff, 403 before that for everyone else
    request: (target, ids) => ({ url: `${WALK(target, ids)}/likes`, payload: { personId: ids.other } }),
    expect: { own: STAFF(404), other: ONLY({ admin: 404 }) },
  },
  { method: 'GET', route: '/api/walk/challenges/:id/rejections', request: (target, ids) => ({ url: `${WALK(target, ids)}/rejections` }), expect: { own: ONLY({ admin: 200 }) } },
  // no WeChat / DingTalk configured in this app: staff get 404 PROVIDER_DISABLED
  {
    method: 'POST',
    route: '/api/walk/sync/wechat',
    request: () => ({ url: '/api/walk/sync/wechat', payload: { encryptedData: 'AAAAAAAAAAAAAAAAAAAAAA==', iv: 'AAAAAAAAAAAAAAAAAAAAAA==' } }),
    expect: { '-': STAFF(404) },
  },
  { method: 'POST', route: '/api/walk/sync/dingtalk', request: () => ({ url: '/api/walk/sync/dingtalk' }), expect: { '-': STAFF(404) } },
  { method: 'GET', route: '/api/walk/me/history', request: () => ({ url: '/api/walk/me/history?days=30' }), expect: { '-': STAFF(200) } },
  { method: 'DELETE', route: '/api/walk/me/steps', request: () => ({ url: '/api/walk/me/steps' }), expect: { '-': STAFF(204) } },
  // portrait (issue 7): own = self (student, teacher) or the demo student (counselor, parent, admin)
  {
    method: 'GET',
    route: '/api/portrait/students/:id',
    request: (target) => ({ url: `/api/portrait/students/${target}` }),
    // a teacher's "own" row is themselves: no student portrait (404); admins get aggregates only (403)
    expect: { own: ONLY({ student: 200, counselor: 200, parent: 200, teacher: 404 }), other: ONLY({}) },
  },
  { method: 'GET', route: '/api/portrait/counselor/classes', request: () => ({ url: '/api/portrait/counselor/classes' }), expect: { '-': ONLY({ counselor: 200 }) } },
  { method: 'GET', route: '/api/portrait/warnings', request: () => ({ url: '/api/portrait/warnings?sort=level' }), expect: { '-': ONLY({ counselor: 200 }) } },
  {
    method: 'POST',
    route: '/api/portrait/warnings/:id/:action',
    request: (target, ids) => ({ url: `/api/portrait/warnings/${target === ids.other ? portraitWarnings.other : portraitWarnings.own}/acknowledge`, payload: {} }),
    expect: { own: ONLY({ counselor: 200 }), other: ONLY({}) },
  },
  {
    method: 'GET',
    route: '/api/portrait/teachers/:id',
    request: (target) => ({ url: `/api/portrait/teachers/${target}` }),
    expect: { own: ONLY({ teacher: 200 }), other: ONLY({}) },
  },
  { method: 'GET', route: '/api/portrait/majors', request: () => ({ url: '/api/portrait/majors' }), expect: { '-': ONLY({ admin: 200 }) } },
  { method: 'GET', route: '/api/portrait/majors/:id', request: () => ({ url: '/api/portrait/majors/major-0101' }), expect: { '-': ONLY({ admin: 200 }) } },
  { method: 'GET', route: '/api/portrait/courses/:code', request: () => ({ url: '/api/portrait/courses/R010100' }), expect: { '-': ONLY({ admin: 200 }) } },
  { method: 'GET', route: '/api/portrait/rules', request: () => ({ url: '/api/portrait/rules' }), expect: { '-': ONLY({ admin: 200 }) } },
  {
    method: 'PUT',
    route: '/api/portrait/rules/:key',
    request: () => ({ url: '/api/portrait/rules/library_regular', payload: { params: { minLoans: 6 } } }),
    expect: { '-': ONLY({ admin: 200 }) },
  },
];

describe.each(TEST_DIALECTS)('authorization matrix on %s', (dialect) => {
  let t: TestApp;
  const registered: string[] = [];
  const tokens = new Map<Actor, string>();
  const ids = new Map<Actor, Ids>();

  beforeAll(async () => {
    t = await createTestApp(dialect, { ready: false });
    t.app.addHook('onRoute', (route) => {
      if ((route.schema as { hide?: boolean } | undefined)?.hide) return;
      for (const method of [route.method].flat()) if (method !== 'HEAD') registered.push(`${method} ${route.url}`);
    });
    await t.app.ready();

    const db = t.app.db;
    const demoStudent = await db.selectFrom('people').select(['id', 'class_id']).where('number', '=', demoAccount('student').username).executeTakeFirstOrThrow();
    const counselorId = (await db.selectFrom('people').select('id').where('number', '=', demoAccount('counselor').username).executeTakeFirstOrThrow()).id;
    const unrelated = await db
      .selectFrom('people')
      .innerJoin('classes', 'classes.id', 'people.class_id')
      .select('people.id')
      .where('people.kind', '=', 'student')
      .where('classes.counselor_id', '!=', counselorId)
      .orderBy('people.number')
      .limit(2)
      .execute();
    const [other, bystander] = unrelated.map((row) => row.id) as [string, string];
    const warningOf = async (mine: boolean) =>
      (
        await db
          .selectFrom('portrait_warnings')
          .innerJoin('people', 'people.id', 'portrait_warnings.student_id')
          .innerJoin('classes', 'classes.id', 'people.class_id')
          .select('portrait_warnings.id')
          .where('classes.counselor_id', mine ? '=' : '!=', counselorId)
          .orderBy('portrait_warnings.id')
          .executeTakeFirstOrThrow()
      ).id;
    portraitWarnings.own = await warningOf(true);
    portraitWarnings.other = await warningOf(false);
    for (const actor of ACTORS) {
      if (actor === 'anonymous') {
        ids.set(actor, { self: other, own: other, other, bystander });
        continue;
      }
      const session = await login(t.app, demoAccount(actor).username, DEMO_PASSWORD);
      tokens.set(actor, session.accessToken);
      const self = session.user.id;
      const own = actor === 'student' || actor === 'teacher' ? self : demoStudent.id;
      ids.set(actor, { self, own, other, bystander });
    }
  });
  beforeAll(async () => {
    await prepareEngineFixtures(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  const cases = ENDPOINTS.flatMap((endpoint) =>
    Object.entries(endpoint.expect).flatMap(([target, statuses]) =>
      ACTORS.map((actor) => {
        const status = statuses?.[actor] ?? statuses?.all;
        return { label: `${endpoint.method} ${endpoint.route} [${target}] as ${actor} → ${status}`, endpoint, target: target as Target, actor, status };
      }),
    ),
  );

  it.each(cases.map((c) => [c.label, c] as const))('%s', async (_label, { endpoint, target, actor, status }) => {
    if (status === undefined) throw new Error(`no expected status for ${actor}`);
    const actorIds = ids.get(actor)!;
    const rowId = target === 'own' ? actorIds.own : target === 'other' ? actorIds.other : actorIds.self;
    const { url, payload } = endpoint.request(rowId, actorIds);
    let token = tokens.get(actor);
    if (token && endpoint.freshSession) token = (await login(t.app, demoAccount(actor as Role).username, DEMO_PASSWORD)).accessToken;
    const response = await t.app.inject({
      method: endpoint.method,
      url,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
      headers: token ? bearer(token) : {},
    });
    expect({ status: response.statusCode, body: response.statusCode >= 400 ? response.json().code : undefined }).toEqual({
      status,
      body: status >= 400 ? expect.any(String) : undefined,
    });
  });

  it('filters the fields by relation: a parent sees the child’s class, not the mobile or the dorm', async () => {
    const child = ids.get('parent')!.own;
    const card = async (actor: Actor) =>
      (await t.app.inject({ method: 'GET', url: `/api/people/${child}`, headers: bearer(tokens.get(actor)!) })).json();
    const asParent = await card('parent');
    expect(asParent).toEqual(expect.objectContaining({ name: '陈思远', className: '计算机2301班' }));
    expect(asParent).not.toHaveProperty('mobile');
    expect(asParent).not.toHaveProperty('dormRoom');
    expect(asParent).not.toHaveProperty('status');
    expect(await card('counselor')).toEqual(expect.objectContaining({ mobile: expect.any(String), dormRoom: expect.any(String) }));
    expect(await card('student')).not.toHaveProperty('status');
    expect(await card('admin')).toEqual(expect.objectContaining({ status: 'active', mobile: expect.any(String) }));
  });

  it('serves each portrait field group only to the relations allowed (parent: as the student decides)', async () => {
    const child = ids.get('parent')!.own;
    const groupsAs = async (actor: Actor) => {
      const response = await t.app.inject({ method: 'GET', url: `/api/portrait/students/${child}`, headers: bearer(tokens.get(actor)!) });
      if (response.statusCode !== 200) return response.statusCode;
      const body = response.json();
      // the groups listed are exactly the groups present
      for (const group of ['summary', 'academic', 'radar', 'tags', 'life', 'warnings']) expect(group in body).toBe(body.groups.includes(group));
      return body.groups;
    };
    const setVisibility = (visibility: Record<string, boolean>) =>
      t.app.inject({ method: 'PUT', url: '/api/me/parent-visibility', headers: bearer(tokens.get('student')!), payload: { leaveStatus: true, ...visibility } });

    expect(await groupsAs('student')).toEqual(['summary', 'academic', 'radar', 'tags', 'life', 'warnings']);
    expect(await groupsAs('counselor')).toEqual(['summary', 'academic', 'radar', 'tags', 'life', 'warnings', 'poverty']);
    expect(await groupsAs('parent')).toEqual(['summary']);
    expect(await groupsAs('admin')).toBe(403);
    expect(await groupsAs('teacher')).toBe(403);

    expect((await setVisibility({ portrait: true, portraitSummary: true, portraitWarnings: false })).statusCode).toBe(200);
    expect(await groupsAs('parent')).toEqual(['summary', 'academic', 'radar', 'tags']);
    await setVisibility({ portrait: false, portraitSummary: false, portraitWarnings: true });
    expect(await groupsAs('parent')).toEqual(['warnings']);
    await setVisibility({ portrait: true, portraitSummary: true, portraitWarnings: true });
    expect(await groupsAs('parent')).toEqual(['summary', 'academic', 'radar', 'tags', 'warnings']);
    await setVisibility({ portrait: false, portraitSummary: false, portraitWarnings: false });
    expect(await groupsAs('parent')).toBe(403);
    await setVisibility({ portrait: false, portraitSummary: true, portraitWarnings: false });
    expect(await groupsAs('parent')).toEqual(['summary']);
  });

  it('has a row for every documented route', () => {
    const covered = new Set(ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.route}`));
    const missing = registered.filter((route) => !covered.has(route) && !route.startsWith('GET /api/docs'));
    expect(missing).toEqual([]);
  });
});
