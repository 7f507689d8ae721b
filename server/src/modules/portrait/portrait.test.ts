/**
 * The portrait API on the seeded demo campus: who sees which parts, the audit rows, the
 * counselor's warnings list and its actions, admin aggregates and admin-editable rules.
 */
import type { InjectOptions } from 'fastify';
import { DEMO_PASSWORD, DEMO_USERNAMES, demoAccount } from '../../../../mocks/campus/demo-accounts';
import type { Role } from '../../../../types/roles';
import type { CounselorClasses, MajorPortrait, PortraitWarning, StudentPortrait } from '../../../../types/portrait';
import { TEST_DIALECTS, bearer, createTestApp, login, type TestApp } from '../../test/test-app';

describe.each(TEST_DIALECTS)('portraits on %s', (dialect) => {
  let t: TestApp;
  const tokens = new Map<Role, string>();
  let studentId = '';
  let counselorId = '';
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const role of ['student', 'counselor', 'teacher', 'parent', 'admin'] as const) {
      tokens.set(role, (await login(t.app, demoAccount(role).username, DEMO_PASSWORD)).accessToken);
    }
    studentId = (await t.app.db.selectFrom('people').select('id').where('number', '=', DEMO_USERNAMES.student).executeTakeFirstOrThrow()).id;
    counselorId = (await t.app.db.selectFrom('people').select('id').where('number', '=', DEMO_USERNAMES.counselor).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await t?.close();
  });
  const call = (role: Role, method: InjectOptions['method'], url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(tokens.get(role)!), ...(payload ? { payload } : {}) });
  const auditRows = () => t.app.db.selectFrom('audit_log').selectAll().where('action', 'like', 'portrait.%').orderBy('at').execute();

  it('gives the student their own portrait: radar, tags with a why, warnings, but never 贫困关注; no audit row for oneself', async () => {
    const before = (await auditRows()).length;
    const response = await call('student', 'GET', `/api/portrait/students/${studentId}`);
    expect(response.statusCode).toBe(200);
    const portrait = response.json<StudentPortrait>();
    expect(portrait.student).toEqual(expect.objectContaining({ name: '陈思远', className: '计算机2301班' }));
    expect(portrait.summary?.gpaFormula).toBe('GPA = Σ(课程绩点 × 学分) ÷ Σ学分');
    expect(portrait.radar?.map((d) => d.label)).toEqual(['学习能力', '实践能力', '创新能力', '体育健康', '社会服务', '文艺素养']);
    const breakfast = portrait.tags?.find((tag) => tag.key === 'no_breakfast');
    expect(breakfast?.why).toMatch(/^最近 14 天有消费的 \d+ 天里，只有 \d+% 的日子在食堂吃了早餐；再往前两周是 \d+%（规则：≤ 20%，且至少 7 天有消费）。$/);
    expect(portrait.tags?.some((tag) => tag.key === 'poverty')).toBe(false);
    expect(portrait.life?.breakfastRate).not.toBeNull();
    expect((await auditRows()).length).toBe(before);
  });

  it('never shows a student their 贫困关注, while their counselor sees it, and audits the counselor’s view with the parts seen', async () => {
    const poor = await t.app.db
      .selectFrom('portrait_warnings')
      .innerJoin('people', 'people.id', 'portrait_warnings.student_id')
      .innerJoin('classes', 'classes.id', 'people.class_id')
      .select(['people.id', 'people.number'])
      .where('portrait_warnings.kind', '=', 'poverty')
      .where('classes.counselor_id', '=', counselorId)
      .orderBy('people.number')
      .executeTakeFirstOrThrow();
    const own = await t.app.inject({ method: 'GET', url: `/api/portrait/students/${poor.id}`, headers: bearer((await login(t.app, poor.number, DEMO_PASSWORD)).accessToken) });
    expect(own.json<StudentPortrait>().tags?.map((tag) => tag.key)).not.toContain('poverty');
    expect(own.json<StudentPortrait>().warnings?.map((w) => w.kind)).not.toContain('poverty');
    const asCounselor = (await call('counselor', 'GET', `/api/portrait/students/${poor.id}`)).json<StudentPortrait>();
    expect(asCounselor.tags?.map((tag) => tag.key)).toContain('poverty');
    expect(asCounselor.warnings?.map((w) => w.kind)).toContain('poverty');
    const audit = (await auditRows()).filter((row) => row.target === `person:${poor.id}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toEqual(expect.objectContaining({ actor_id: counselorId, action: 'portrait.view' }));
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ relation: 'counselor', parts: ['summary', 'academic', 'radar', 'tags', 'life', 'warnings', 'poverty'] });
  });

  it('shows a parent the academic summary only by default, then what the student allows; every view audited', async () => {
    const asParent = async () => call('parent', 'GET', `/api/portrait/students/${studentId}`);
    const first = (await asParent()).json<StudentPortrait>();
    expect(first.groups).toEqual(['summary']);
    expect(first.summary?.cumulativeGpa).toEqual(expect.any(Number));
    for (const group of ['academic', 'radar', 'tags', 'life', 'warnings'] as const) expect(first[group]).toBeUndefined();

    await call('student', 'PUT', '/api/me/parent-visibility', { leaveStatus: true, portrait: true, portraitWarnings: true });
    const more = (await asParent()).json<StudentPortrait>();
    expect(more.groups).toEqual(['summary', 'academic', 'radar', 'tags', 'warnings']);
    // a parent gets the static and model tags, not the life-based or warning ones
    expect(more.tags?.every((tag) => tag.kind === 'static' || tag.kind === 'model')).toBe(true);
    expect(more.life).toBeUndefined();

    await call('student', 'PUT', '/api/me/parent-visibility', { leaveStatus: true, portrait: false, portraitSummary: false, portraitWarnings: false });
    expect((await asParent()).statusCode).toBe(403);
    await call('student', 'PUT', '/api/me/parent-visibility', { leaveStatus: true, portrait: false, portraitSummary: true, portraitWarnings: false });

    const parentId = (await t.app.db.selectFrom('people').select('id').where('number', '=', DEMO_USERNAMES.parent).executeTakeFirstOrThrow()).id;
    const views = (await auditRows()).filter((row) => row.actor_id === parentId && row.action === 'portrait.view');
    expect(views.map((row) => JSON.parse(row.detail!).parts)).toEqual([['summary'], ['summary', 'academic', 'radar', 'tags', 'warnings']]);
  });

  it('lists the counselor’s classes and warnings (sorted by level), and nobody else’s', async () => {
    const classes = (await call('counselor', 'GET', '/api/portrait/counselor/classes')).json<CounselorClasses>();
    expect(classes.classes.map((group) => group.name)).toContain('计算机2301班');
    const classIds = classes.classes.map((group) => group.id);
    const warnings = (await call('counselor', 'GET', '/api/portrait/warnings')).json<{ warnings: PortraitWarning[] }>().warnings;
    expect(warnings.length).toBeGreaterThan(0);
    const order = { red: 0, orange: 1, yellow: 2 };
    expect(warnings.map((w) => order[w.level])).toEqual([...warnings.map((w) => order[w.level])].sort());
    const students = await t.app.db.selectFrom('people').select(['id', 'class_id']).where('id', 'in', warnings.map((w) => w.studentId)).execute();
    expect(students.every((s) => classIds.includes(s.class_id!))).toBe(true);
    const byClass = (await call('counselor', 'GET', '/api/portrait/warnings?sort=class&kind=academic')).json<{ warnings: PortraitWarning[] }>().warnings;
    expect(byClass.every((w) => w.kind === 'academic')).toBe(true);
    expect(byClass.map((w) => w.className)).toEqual([...byClass.map((w) => w.className)].sort((a, b) => a.localeCompare(b)));
    expect((await call('teacher', 'GET', '/api/portrait/warnings')).statusCode).toBe(403);
    const listed = (await auditRows()).filter((row) => row.action === 'portrait.warnings');
    expect(listed.length).toBeGreaterThan(0);
  });

  it('acknowledges and resolves a warning once, however often the counselor taps; another counselor may not', async () => {
    const [warning] = (await call('counselor', 'GET', '/api/portrait/warnings')).json<{ warnings: PortraitWarning[] }>().warnings;
    const taps = await Promise.all([1, 2, 3].map(() => call('counselor', 'POST', `/api/portrait/warnings/${warning!.id}/acknowledge`, {})));
    expect(taps.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(taps.map((r) => r.json().status)).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);
    const resolved = await call('counselor', 'POST', `/api/portrait/warnings/${warning!.id}/resolve`, { note: '已约谈，制定补考计划' });
    expect(resolved.json()).toEqual(expect.objectContaining({ status: 'resolved', note: '已约谈，制定补考计划' }));
    const acted = (await auditRows()).filter((row) => row.action.startsWith('portrait.warning.'));
    expect(acted.map((row) => row.action)).toEqual(['portrait.warning.acknowledge', 'portrait.warning.resolve']);

    const other = await t.app.db.selectFrom('people').select('number').where('kind', '=', 'staff').where('title', '=', '辅导员').where('number', '!=', DEMO_USERNAMES.counselor).orderBy('number').executeTakeFirstOrThrow();
    const otherToken = (await login(t.app, other.number, DEMO_PASSWORD)).accessToken;
    const refused = await t.app.inject({ method: 'POST', url: `/api/portrait/warnings/${warning!.id}/resolve`, headers: bearer(otherToken), payload: {} });
    expect(refused.statusCode).toBe(403);
    const theirs = await t.app.inject({ method: 'GET', url: '/api/portrait/warnings', headers: bearer(otherToken) });
    expect(theirs.json().warnings.map((w: PortraitWarning) => w.id)).not.toContain(warning!.id);
  });

  it('gives admins aggregates with no student in them, and no single student’s portrait', async () => {
    expect((await call('admin', 'GET', `/api/portrait/students/${studentId}`)).statusCode).toBe(403);
    const major = (await call('admin', 'GET', '/api/portrait/majors/major-0101')).json<MajorPortrait>();
    expect(major.students).toBeGreaterThan(0);
    expect(major.scoreDistribution.map((band) => band.band)).toEqual(['<60', '60–69', '70–79', '80–89', '90–100']);
    expect(major.passRate).toBeGreaterThan(0.5);
    const text = JSON.stringify(major);
    expect(text).not.toContain('陈思远');
    expect(text).not.toContain(DEMO_USERNAMES.student);
    const course = (await call('admin', 'GET', `/api/portrait/courses/${major.courses[0]!.code}`)).json();
    // elective codes are campus-wide: the course portrait counts every major's takers
    expect(course.takers).toBeGreaterThanOrEqual(major.courses[0]!.takers);
    expect(course.trend.reduce((sum: number, row: { takers: number }) => sum + row.takers, 0)).toBe(course.takers);
    expect((await call('admin', 'GET', '/api/portrait/courses/NOPE')).statusCode).toBe(404);
  });

  it('lets an admin change a threshold (validated), which recomputes the tags', async () => {
    const settled = async () => {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        if (!(await call('admin', 'GET', '/api/portrait/rules')).json<{ recomputing: boolean }>().recomputing) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('the recompute did not finish');
    };
    const has = async () => ((await call('student', 'GET', `/api/portrait/students/${studentId}`)).json<StudentPortrait>().tags ?? []).some((tag) => tag.key === 'library_regular');
    expect(await has()).toBe(true);
    const bad = await call('admin', 'PUT', '/api/portrait/rules/library_regular', { params: { minLoans: -3 } });
    expect(bad.statusCode).toBe(400);
    const changed = await call('admin', 'PUT', '/api/portrait/rules/library_regular', { params: { minLoans: 999 } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().params).toEqual({ minLoans: 999 });
    // the recompute runs in the background (a small campus is done at once); the rules list says when
    await settled();
    expect(await has()).toBe(false);
    // two edits in a row: the second one's threshold is what the portraits end up with
    await call('admin', 'PUT', '/api/portrait/rules/library_regular', { params: { minLoans: 500 } });
    await call('admin', 'PUT', '/api/portrait/rules/library_regular', { params: { minLoans: 6 } });
    await settled();
    expect(await has()).toBe(true);
    const audit = await t.app.db.selectFrom('audit_log').select(['action', 'target']).where('target', '=', 'rule:library_regular').execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect((await call('counselor', 'PUT', '/api/portrait/rules/library_regular', { params: { minLoans: 1 } })).statusCode).toBe(403);
    expect((await call('admin', 'PUT', '/api/portrait/rules/nope', { params: {} })).statusCode).toBe(404);
  });

  it('withholds every figure over fewer than five people: a tiny major, a course few took', async () => {
    const db = t.app.db;
    // a new major with two students moved into it, and a seminar the two of them took
    const biggest = await db.selectFrom('portrait_students').select(['major_id', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('major_id').orderBy('n', 'desc').executeTakeFirstOrThrow();
    expect(Number(biggest.n)).toBeGreaterThanOrEqual(7); // still five or more after two leave
    const movers = await db.selectFrom('portrait_students').select('student_id').where('major_id', '=', biggest.major_id).orderBy('student_id').limit(2).execute();
    const college = (await db.selectFrom('majors').select('college_id').where('id', '=', biggest.major_id).executeTakeFirstOrThrow()).college_id;
    await db.insertInto('majors').values({ id: 'major-tiny', college_id: college, name: '小众专业', short_name: '小众' }).execute();
    const ids = movers.map((row) => row.student_id);
    await db.updateTable('portrait_students').set({ major_id: 'major-tiny' }).where('student_id', 'in', ids).execute();
    await db.updateTable('people').set({ major_id: 'major-tiny' }).where('id', 'in', ids).execute();
    const numbers = (await db.selectFrom('people').select('number').where('id', 'in', ids).execute()).map((row) => row.number);
    await db
      .insertInto('dc_grades')
      .values(numbers.map((number, n) => ({ student_number: number, semester: '2025-2026-1', course_code: 'SEM-TINY', course_name: '小班研讨', course_type: 'elective' as const, credits: 1, score: 70 + n * 10, grade_point: 2 + n, teacher_number: null })))
      .execute();

    const list = (await call('admin', 'GET', '/api/portrait/majors')).json<{ majors: Array<{ id: string; students: number; averageGpa: number | null; passRate: number | null; suppressed: boolean }> }>();
    expect(list.majors.find((major) => major.id === 'major-tiny')).toEqual(expect.objectContaining({ students: 2, averageGpa: null, passRate: null, suppressed: true }));
    expect(list.majors.find((major) => major.id === biggest.major_id)).toEqual(expect.objectContaining({ suppressed: false, averageGpa: expect.any(Number) }));

    const tiny = (await call('admin', 'GET', '/api/portrait/majors/major-tiny')).json<MajorPortrait>();
    expect(tiny).toEqual(expect.objectContaining({ students: 2, suppressed: true, passRate: null, gpaDistribution: [], scoreDistribution: [], gpaTrend: [], courses: [] }));

    const seminar = (await call('admin', 'GET', '/api/portrait/courses/SEM-TINY')).json();
    expect(seminar).toEqual(expect.objectContaining({ takers: 2, suppressed: true, passRate: null, averageScore: null, scoreDistribution: [] }));
    expect(seminar.trend).toEqual([{ semester: '2025-2026-1', takers: 2, averageScore: null, passRate: null }]);
    expect(JSON.stringify(seminar)).not.toMatch(/\b(70|80|75)\b/); // neither score nor their mean

    // with five takers the seminar's figures appear
    const more = await db.selectFrom('people').select('number').where('kind', '=', 'student').where('number', 'not in', numbers).limit(3).execute();
    await db.insertInto('dc_grades').values(more.map((row) => ({ student_number: row.number, semester: '2025-2026-1', course_code: 'SEM-TINY', course_name: '小班研讨', course_type: 'elective' as const, credits: 1, score: 60, grade_point: 1, teacher_number: null }))).execute();
    const shown = (await call('admin', 'GET', '/api/portrait/courses/SEM-TINY')).json();
    expect(shown).toEqual(expect.objectContaining({ takers: 5, suppressed: false, passRate: 1, averageScore: 66 })); // (70 + 80 + 3 × 60) / 5
  });

  it('shows a teacher their own career timeline and output, and nobody else’s', async () => {
    const me = (await login(t.app, demoAccount('teacher').username, DEMO_PASSWORD)).user.id;
    const portrait = (await call('teacher', 'GET', `/api/portrait/teachers/${me}`)).json();
    expect(portrait.timeline.map((step: { title: string }) => step.title)).toEqual(['入校', '助教', '讲师', '副教授']);
    expect(portrait.timeline[1].since).toBe('2007-01-01');
    expect(portrait.outputByYear.length).toBeGreaterThan(0);
    expect(portrait.evaluations[0]).toEqual(expect.objectContaining({ score: expect.any(Number), collegeAverage: expect.any(Number) }));
    expect((await call('admin', 'GET', `/api/portrait/teachers/${me}`)).statusCode).toBe(403);
  });
});
