/**
 * An admin sets who leads each college; the engine's `collegeLeader` approvals follow at once.
 * Only active staff of that very college may lead it; every change is audited.
 */
import type { CollegeLeader } from '../../../../types/microapp';
import { TEST_DIALECTS, createTestApp, type TestApp } from '../../test/test-app';
import { EngineClient } from '../workflow/engine-test-kit';
import { VEHICLE_VALUES } from '../workflow/matrix-fixtures';

// a small trip: no 公函 needed
const VEHICLE = { ...VEHICLE_VALUES, passengers: 4, passengerNames: '教师 4 人' };

describe.each(TEST_DIALECTS)('college leaders on %s', (dialect) => {
  let t: TestApp;
  let c: EngineClient;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    c = new EngineClient(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists every college with its leader; 用车申请 goes to the leader the admin sets, and the change is audited', async () => {
    const admin = await c.as('admin');
    const counselor = await c.as('counselor');
    const teacher = await c.as('teacher');
    const listed = await c.call(admin, 'GET', '/api/admin/college-leaders');
    expect(listed.statusCode).toBe(200);
    const colleges = listed.json<{ colleges: CollegeLeader[] }>().colleges;
    const cs = colleges.find((college) => college.leader?.id === teacher.id);
    expect(cs).toBeDefined(); // the demo teacher leads their college until told otherwise

    const before = await c.submit(counselor, 'vehicle-request', VEHICLE);
    expect(before.currentNodes[0]?.assignees.map((person) => person.id)).toEqual([teacher.id]);

    const set = await c.call(admin, 'PUT', `/api/admin/college-leaders/${cs!.collegeId}`, { personId: counselor.id });
    expect(set.statusCode).toBe(200);
    expect(set.json<CollegeLeader>()).toMatchObject({ collegeId: cs!.collegeId, leader: { id: counselor.id } });
    const after = await c.submit(teacher, 'vehicle-request', VEHICLE);
    expect(after.currentNodes[0]?.assignees.map((person) => person.id)).toEqual([counselor.id]);
    // a request already waiting on the old leader stays with them
    expect((await c.detail(counselor, before.id)).currentNodes[0]?.assignees.map((person) => person.id)).toEqual([teacher.id]);

    const audit = await t.app.db.selectFrom('audit_log').select(['actor_id', 'action', 'detail']).where('target', '=', `college:${cs!.collegeId}`).execute();
    expect(audit).toEqual([{ actor_id: admin.id, action: 'college.leader.set', detail: JSON.stringify({ before: teacher.id, after: counselor.id }) }]);
  });

  it('refuses a student, someone from another college, an unknown person or college, and anyone but an admin', async () => {
    const admin = await c.as('admin');
    const student = await c.as('student');
    const colleges = (await c.call(admin, 'GET', '/api/admin/college-leaders')).json<{ colleges: CollegeLeader[] }>().colleges;
    const studentCollege = (await t.app.db.selectFrom('people').select('college_id').where('id', '=', student.id).executeTakeFirstOrThrow()).college_id!;
    const other = colleges.find((college) => college.collegeId !== studentCollege)!;

    const asStudent = await c.call(admin, 'PUT', `/api/admin/college-leaders/${studentCollege}`, { personId: student.id });
    expect(asStudent.statusCode).toBe(400);
    expect(asStudent.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: '/personId', message: '学院负责人须为在职教职工' }] });
    const teacher = await c.as('teacher');
    const teacherCollege = (await t.app.db.selectFrom('people').select('college_id').where('id', '=', teacher.id).executeTakeFirstOrThrow()).college_id!;
    const elsewhere = colleges.find((college) => college.collegeId !== teacherCollege)!;
    const wrongCollege = await c.call(admin, 'PUT', `/api/admin/college-leaders/${elsewhere.collegeId}`, { personId: teacher.id });
    expect(wrongCollege.statusCode).toBe(400);
    expect(wrongCollege.json().fields[0]).toMatchObject({ field: '/personId', message: expect.stringContaining('不属于') });
    expect((await c.call(admin, 'PUT', `/api/admin/college-leaders/${other.collegeId}`, { personId: 'nobody' })).statusCode).toBe(400);
    expect((await c.call(admin, 'PUT', '/api/admin/college-leaders/no-such-college', { personId: teacher.id })).statusCode).toBe(404);
    expect((await c.call(admin, 'PUT', `/api/admin/college-leaders/${other.collegeId}`, { personId: teacher.id, extra: 1 })).statusCode).toBe(400);
    expect((await c.call(teacher, 'GET', '/api/admin/college-leaders')).statusCode).toBe(403);
    expect((await c.call(null, 'GET', '/api/admin/college-leaders')).statusCode).toBe(401);
  });
});
