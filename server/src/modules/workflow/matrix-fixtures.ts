/**
 * Rows the authorization matrix points the engine's endpoints at: one 教室借用 request by the
 * demo student, waiting on the demo teacher (the building manager in that definition).
 */
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD, demoAccount } from '../../../../mocks/campus/demo-accounts';
import type { RequestDetail } from '../../../../types/microapp';
import { bearer, login } from '../../test/test-app';

export const engineFixtures = { requestId: '', taskId: '', teacherMessageId: '' };

export const CLASSROOM_VALUES = {
  room: { buildingId: 'teach-1', buildingName: '', roomId: 'teach-1-101', roomName: '' },
  timeRange: { start: '2027-03-01 14:00', end: '2027-03-01 16:00' },
  purpose: 'club',
  purposeDetail: '社团例会，讨论学期计划',
  attendees: 30,
  contact: '13900002222',
};

/** A valid 用车申请 (route, time, passengers) for tests that need one submitted. */
export const VEHICLE_VALUES = {
  departAt: '2027-04-01 08:00',
  returnDate: '2027-04-01',
  returnTime: '18:00',
  region: ['浙江省', '杭州市', '西湖区'],
  route: [{ from: '校本部', to: '萧山机场' }],
  passengers: 25,
  passengerNames: '学生代表 25 人',
  reason: '参加全国竞赛',
  contact: '13900003333',
};

export async function prepareEngineFixtures(app: FastifyInstance): Promise<void> {
  const student = await login(app, demoAccount('student').username, DEMO_PASSWORD);
  const response = await app.inject({
    method: 'POST',
    url: '/api/microapps/classroom-booking/requests',
    headers: bearer(student.accessToken),
    payload: { idempotencyKey: 'matrix-fixture-request', values: CLASSROOM_VALUES },
  });
  if (response.statusCode !== 201) throw new Error(`fixture submit failed: ${response.statusCode} ${response.body}`);
  const request = response.json<RequestDetail>();
  const teacher = await app.db.selectFrom('people').select('id').where('number', '=', demoAccount('teacher').username).executeTakeFirstOrThrow();
  const task = await app.db.selectFrom('workflow_tasks').select('id').where('request_id', '=', request.id).where('assignee_id', '=', teacher.id).executeTakeFirstOrThrow();
  const message = await app.db.selectFrom('messages').select('id').where('person_id', '=', teacher.id).executeTakeFirstOrThrow();
  Object.assign(engineFixtures, { requestId: request.id, taskId: task.id, teacherMessageId: message.id });
}
