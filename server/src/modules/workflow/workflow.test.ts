import { randomUUID } from 'node:crypto';
import type { MicroAppDefinition, RequestDetail } from '../../../../types/microapp';
import { TEST_DIALECTS, createTestApp, type TestApp } from '../../test/test-app';
import { shippedDefinitions } from '../microapps/microapps.repository';
import { deliverOutbox, type PushPayload } from '../messages/outbox';
import { EngineClient, PNG, type Actor } from './engine-test-kit';
import { CLASSROOM_VALUES, VEHICLE_VALUES } from './matrix-fixtures';
import { loadVersion } from './workflow.repository';
import { runDueTimers } from './workflow.scheduler';

const HOUR = 3_600_000;

describe.each(TEST_DIALECTS)('workflow engine on %s', (dialect) => {
  let t: TestApp;
  let c: EngineClient;
  let student: Actor;
  let teacher: Actor;
  let counselor: Actor;
  let admin: Actor;
  const definitionOf = async (r: { appKey: string; version: number }) => (await loadVersion(t.app.db, r.appKey, r.version))!;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    c = new EngineClient(t);
    [student, teacher, counselor, admin] = [await c.as('student'), await c.as('teacher'), await c.as('counselor'), await c.as('admin')];
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Creates and publishes a definition through the admin API. */
  async function publish(definition: MicroAppDefinition): Promise<number> {
    const created = await c.call(admin, 'POST', '/api/admin/microapps', { definition });
    expect(created.statusCode).toBe(201);
    const { version } = created.json<{ version: number }>();
    const published = await c.call(admin, 'POST', `/api/admin/microapps/${definition.key}/versions/${version}/publish`);
    expect(published.statusCode).toBe(200);
    return version;
  }

  /** A one-step approval by the demo teacher and counselor, or-sign or countersign. */
  const twoApprovers = (key: string, mode: 'any' | 'all'): MicroAppDefinition => ({
    key,
    name: mode === 'any' ? '或签测试' : '会签测试',
    metadata: { fields: [{ key: 'reason', type: 'text', label: '事由', required: true }] },
    forms: { apply: { items: [{ field: 'reason' }] } },
    flow: {
      nodes: [
        { id: 'start', type: 'start', name: '提交', form: 'apply', next: 'approve' },
        { id: 'approve', type: 'approval', name: '审批', assignee: { kind: 'people', numbers: ['100001', '200001'] }, mode, next: 'end' },
        { id: 'end', type: 'end', name: '完成' },
      ],
    },
    publish: { roles: ['student'], platforms: ['weapp', 'dd', 'h5'] },
    presentation: { title: '{{reason}}' },
  });

  const events = async (requestId: string, action: string): Promise<number> =>
    (await t.app.db.selectFrom('workflow_events').select('id').where('request_id', '=', requestId).where('action', '=', action).execute()).length;

  describe('concurrency', () => {
    it('fires many approvals at one task at once: exactly one succeeds, the rest get 409', async () => {
      const request = await c.submit(student, 'classroom-booking', CLASSROOM_VALUES);
      const task = await c.taskOn(teacher, request.id);
      const responses = await Promise.all(Array.from({ length: 12 }, () => c.act(teacher, task, { action: 'approve', values: { voucher: 'A-1' } })));
      const statuses = responses.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([200, ...Array(11).fill(409)]);
      expect(responses.find((r) => r.statusCode === 409)!.json()).toEqual({ code: 'CONFLICT', message: expect.stringContaining('已被处理') });
      expect(await events(request.id, 'approve')).toBe(1);
      expect(await events(request.id, 'complete')).toBe(1);
    });

    it('two approvers on an or-sign node: one transition, the other 409', async () => {
      await publish(twoApprovers('or-sign-test', 'any'));
      const request = await c.submit(student, 'or-sign-test', { reason: '或签' });
      expect(request.currentNodes[0].assignees).toHaveLength(2);
      const [a, b] = await Promise.all([
        c.act(teacher, await c.taskOn(teacher, request.id), { action: 'approve' }),
        c.act(counselor, await c.taskOn(counselor, request.id), { action: 'approve' }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const final = await c.detail(student, request.id);
      expect(final.status).toBe('completed');
      expect(final.timeline.filter((e) => e.action === 'approve')).toHaveLength(1);
    });

    it('a countersign node waits for everyone; approving at the same moment still advances once', async () => {
      await publish(twoApprovers('countersign-test', 'all'));
      const first = await c.submit(student, 'countersign-test', { reason: '会签一' });
      await c.act(teacher, await c.taskOn(teacher, first.id), { action: 'approve' });
      expect((await c.detail(student, first.id)).currentNodes).toEqual([expect.objectContaining({ id: 'approve', assignees: [expect.objectContaining({ id: counselor.id })] })]);
      await c.act(counselor, await c.taskOn(counselor, first.id), { action: 'approve' });
      expect((await c.detail(student, first.id)).status).toBe('completed');

      const second = await c.submit(student, 'countersign-test', { reason: '会签二' });
      const [a, b] = await Promise.all([
        c.act(teacher, await c.taskOn(teacher, second.id), { action: 'approve' }),
        c.act(counselor, await c.taskOn(counselor, second.id), { action: 'approve' }),
      ]);
      expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
      expect(await events(second.id, 'complete')).toBe(1);
    });

    it('a retried submit with the same key never creates a second request', async () => {
      const key = randomUUID();
      const responses = await Promise.all(
        Array.from({ length: 6 }, () => c.call(student, 'POST', '/api/microapps/classroom-booking/requests', { idempotencyKey: key, values: CLASSROOM_VALUES })),
      );
      const ids = new Set(responses.map((r) => r.json<RequestDetail>().id));
      expect(ids.size).toBe(1);
      expect(responses.map((r) => r.statusCode).filter((s) => s === 201)).toHaveLength(1);
      expect(responses.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
      const rows = await t.app.db.selectFrom('workflow_requests').select('id').where('idempotency_key', '=', key).execute();
      expect(rows).toHaveLength(1);
      const tasks = await t.app.db.selectFrom('workflow_tasks').select('id').where('request_id', '=', rows[0].id).execute();
      expect(tasks).toHaveLength(1);
    });
  });

  describe('access', () => {
    it('only the applicant, assignees and CC’d people see a request', async () => {
      const request = await c.submit(student, 'classroom-booking', CLASSROOM_VALUES);
      expect((await c.call(counselor, 'GET', `/api/workflow/requests/${request.id}`)).statusCode).toBe(403);
      expect((await c.call(admin, 'GET', `/api/workflow/requests/${request.id}`)).statusCode).toBe(403);
      expect((await c.call(admin, 'GET', `/api/workflow/requests/${randomUUID()}`)).statusCode).toBe(403);
      // the counselor is copied after the approval
      await c.act(teacher, await c.taskOn(teacher, request.id), { action: 'approve', values: { voucher: 'B-2' } });
      const asCounselor = await c.call(counselor, 'GET', `/api/workflow/requests/${request.id}`);
      expect(asCounselor.statusCode).toBe(200);
      expect(asCounselor.json<RequestDetail>().myTasks).toEqual([]);
      expect((await c.box(counselor, 'cc')).items.map((i) => i.requestId)).toContain(request.id);
      // the CC'd counselor may not act for anyone
      expect((await c.call(counselor, 'POST', `/api/workflow/requests/${request.id}/actions`, { action: 'withdraw' })).statusCode).toBe(403);
      // nobody acts on a task that is not theirs
      const next = await c.submit(student, 'classroom-booking', CLASSROOM_VALUES);
      const task = await c.taskOn(teacher, next.id);
      expect((await c.act(student, task, { action: 'approve' })).statusCode).toBe(403);
      expect((await c.act(counselor, task, { action: 'approve' })).statusCode).toBe(403);
    });

    it('a parent cannot use an app published for students and staff', async () => {
      const parent = await c.as('parent');
      const response = await c.call(parent, 'POST', '/api/microapps/repair/requests', { idempotencyKey: randomUUID(), values: {} });
      expect(response.statusCode).toBe(403);
    });
  });

  describe('submissions', () => {
    it('a bad submission is a 400 naming each bad field', async () => {
      const response = await c.call(student, 'POST', '/api/microapps/classroom-booking/requests', {
        idempotencyKey: randomUUID(),
        values: { ...CLASSROOM_VALUES, attendees: 0, timeRange: { start: '2027-03-01 16:00', end: '2027-03-01 14:00' }, purpose: 'party', contact: '110' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields).toEqual([
        { field: '/values/timeRange', message: '借用时间的结束不能早于开始' },
        { field: '/values/purpose', message: '用途的选项无效' },
        { field: '/values/attendees', message: '参加人数不能小于 1' },
        { field: '/values/contact', message: '联系电话不是有效的电话号码' },
      ]);
    });

    it('checks the places, people and files a form names against the campus data', async () => {
      const worker = await c.as('worker');
      const others = await c.upload(worker);
      const response = await c.call(student, 'POST', '/api/microapps/repair/requests', {
        idempotencyKey: randomUUID(),
        values: { category: '门窗/玻璃', location: { buildingId: 'dorm-nowhere', buildingName: '假楼', roomId: 'r', roomName: '1' }, description: '窗户玻璃裂了', photos: [others], phone: '13900001111' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields).toEqual([
        { field: '/values/location', message: '报修地点：校园中没有这个位置' },
        { field: '/values/photos', message: '现场照片：文件不存在或不是您上传的' },
      ]);
    });

    it('re-signs links for one’s own uploads only (a draft’s photos after their links expired)', async () => {
      const worker = await c.as('worker');
      const mine = await c.upload(student);
      const theirs = await c.upload(worker);
      const response = await c.call(student, 'POST', '/api/uploads/urls', { ids: [mine.id, theirs.id, 'no-such-upload'] });
      expect(response.statusCode).toBe(200);
      const { files } = response.json<{ files: { id: string; url: string }[] }>();
      expect(files.map((file) => file.id)).toEqual([mine.id]);
      const content = await c.t.app.inject({ method: 'GET', url: new URL(files[0]!.url).pathname + new URL(files[0]!.url).search });
      expect(content.statusCode).toBe(200);
      expect(content.rawPayload.equals(PNG)).toBe(true);
      expect((await c.call(student, 'POST', '/api/uploads/urls', { ids: [] })).statusCode).toBe(400);
      expect((await c.call(null, 'POST', '/api/uploads/urls', { ids: [mine.id] })).statusCode).toBe(401);
    });

    it('refuses uploads that are too large or of the wrong type', async () => {
      const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1);
      const tooBig = await c.t.app.inject({ method: 'POST', url: '/api/uploads', ...uploadBody(student, big, 'image/jpeg') });
      expect(tooBig.statusCode).toBe(413);
      const exe = await c.t.app.inject({ method: 'POST', url: '/api/uploads', ...uploadBody(student, PNG, 'application/x-msdownload') });
      expect(exe.statusCode).toBe(400);
    });

    it('limits uploads per person: 60 in 10 minutes, then 429', async () => {
      const guard = await c.as('guard');
      const statuses: number[] = [];
      for (let i = 0; i < 61; i += 1) statuses.push((await c.t.app.inject({ method: 'POST', url: '/api/uploads', ...uploadBody(guard, PNG, 'image/png') })).statusCode);
      expect(statuses.slice(0, 60).every((s) => s === 201)).toBe(true);
      expect(statuses[60]).toBe(429);
      // someone else is not affected
      expect((await c.t.app.inject({ method: 'POST', url: '/api/uploads', ...uploadBody(student, PNG, 'image/png') })).statusCode).toBe(201);
    });
  });

  describe('actions', () => {
    it('batch approve: each of the caller’s tasks once, anything else reported and left alone', async () => {
      const requests = [];
      for (let i = 0; i < 3; i += 1) requests.push(await c.submit(student, 'or-sign-test', { reason: `批量${i}` }));
      const mine = await Promise.all(requests.map((r) => c.taskOn(teacher, r.id)));
      const theirs = await c.taskOn(counselor, requests[0].id);
      const response = await c.call(teacher, 'POST', '/api/workflow/tasks/batch', { taskIds: [...mine, mine[0], theirs], action: 'approve', comment: '同意' });
      expect(response.statusCode).toBe(200);
      expect(response.json().results).toEqual([
        ...mine.map((taskId) => ({ taskId, ok: true })),
        { taskId: theirs, ok: false, code: 'FORBIDDEN', message: '这不是您的待办' },
      ]);
      for (const r of requests) expect((await c.detail(student, r.id)).status).toBe('completed');
    });

    it('reject to the applicant, resubmit, transfer, urge (rate-limited) and withdraw', async () => {
      const request = await c.submit(student, 'classroom-booking', CLASSROOM_VALUES);
      const rejected = await c.act(teacher, await c.taskOn(teacher, request.id), { action: 'reject', comment: '时间冲突' });
      expect(rejected.json<RequestDetail>().status).toBe('returned');
      const back = await c.detail(student, request.id);
      expect(back.actions).toEqual(['resubmit', 'withdraw', 'comment']);
      const resubmitted = await c.call(student, 'POST', `/api/workflow/requests/${request.id}/actions`, {
        action: 'resubmit',
        values: { ...CLASSROOM_VALUES, timeRange: { start: '2027-03-02 14:00', end: '2027-03-02 16:00' } },
      });
      expect(resubmitted.statusCode).toBe(200);
      expect(resubmitted.json<RequestDetail>().status).toBe('running');
      expect(resubmitted.json<RequestDetail>().currentNodes.map((n) => n.id)).toEqual(['manager']);

      const transferred = await c.act(teacher, await c.taskOn(teacher, request.id), { action: 'transfer', transferTo: counselor.id, comment: '请代为审批' });
      expect(transferred.statusCode).toBe(200);
      expect(transferred.json<RequestDetail>().currentNodes[0].assignees).toEqual([expect.objectContaining({ id: counselor.id })]);

      const urge = () => c.call(student, 'POST', `/api/workflow/requests/${request.id}/actions`, { action: 'urge' });
      const [u1, u2] = await Promise.all([urge(), urge()]);
      expect([u1.statusCode, u2.statusCode].sort()).toEqual([200, 429]);

      const withdraw = () => c.call(student, 'POST', `/api/workflow/requests/${request.id}/actions`, { action: 'withdraw', comment: '不需要了' });
      const [w1, w2] = await Promise.all([withdraw(), withdraw()]);
      expect([w1.statusCode, w2.statusCode].sort()).toEqual([200, 409]);
      const final = await c.detail(student, request.id);
      expect(final.status).toBe('withdrawn');
      expect(final.timeline.map((e) => e.action)).toEqual(['submit', 'reject', 'resubmit', 'transfer', 'urge', 'withdraw']);
      expect((await c.box(counselor, 'todo')).items.map((i) => i.requestId)).not.toContain(request.id);
    });
  });

  describe('config-only apps', () => {
    it('用车申请: the applicant’s college leader approves, the motor pool dispatches with its own form', async () => {
      const dispatcher = await c.as('dispatcher');
      const file = await c.upload(counselor, Buffer.from('%PDF-1.4 letter'), 'application/pdf', '公函.pdf');
      const request = await c.submit(counselor, 'vehicle-request', { ...VEHICLE_VALUES, attachment: [file] });
      expect(request.currentNodes).toEqual([expect.objectContaining({ id: 'head', assignees: [expect.objectContaining({ id: teacher.id })] })]);
      await c.act(teacher, await c.taskOn(teacher, request.id), { action: 'approve', comment: '同意' });
      const poolTask = await c.taskOn(dispatcher, request.id);
      const badPlate = await c.act(dispatcher, poolTask, { action: 'approve', values: { plate: 'ABC', driver: '王师傅' } });
      expect(badPlate.json().fields).toEqual([{ field: '/values/plate', message: '车牌号格式如 浙A12345' }]);
      const done = await c.act(dispatcher, poolTask, { action: 'approve', values: { plate: '浙A12345', driver: '王师傅' } });
      expect(done.json<RequestDetail>().status).toBe('completed');
      expect(done.json<RequestDetail>().nodeValues.pool).toEqual({ plate: '浙A12345', driver: '王师傅' });
    });
  });

  describe('请假申请 (config only)', () => {
    it('the class counselor approves; more than 3 days also goes to the college leader', async () => {
      const photo = await c.upload(student);
      const base = { kind: 'sick', period: { start: '2027-03-01', end: '2027-03-05' }, reason: '发烧需要休息', proof: [photo], contact: '13900004444' };
      const noProof = await c.call(student, 'POST', '/api/microapps/leave-request/requests', { idempotencyKey: randomUUID(), values: { ...base, days: 2, proof: [] } });
      expect(noProof.json().fields).toEqual([{ field: '/values/proof', message: '病历或证明不能为空' }]);
      const short = await c.submit(student, 'leave-request', { ...base, days: 2 });
      expect(short.currentNodes).toEqual([expect.objectContaining({ id: 'counselor', assignees: [expect.objectContaining({ id: counselor.id })] })]);
      expect((await c.act(counselor, await c.taskOn(counselor, short.id), { action: 'approve' })).json<RequestDetail>().status).toBe('completed');
      const long = await c.submit(student, 'leave-request', { ...base, days: 5 });
      await c.act(counselor, await c.taskOn(counselor, long.id), { action: 'approve' });
      const atLeader = await c.detail(student, long.id);
      expect(atLeader.currentNodes).toEqual([expect.objectContaining({ id: 'leader', assignees: [expect.objectContaining({ id: teacher.id })] })]);
    });
  });

  describe('versions', () => {
    it('a running request stays on its version when a new one is published', async () => {
      const running = await c.submit(student, 'classroom-booking', CLASSROOM_VALUES);
      expect(running.version).toBe(1);
      const v1 = shippedDefinitions().find((d) => d.key === 'classroom-booking')!;
      const v2: MicroAppDefinition = JSON.parse(JSON.stringify(v1));
      const manager = v2.flow.nodes.find((n) => n.id === 'manager')!;
      manager.name = '教务处审批';
      Object.assign(manager, { assignee: { kind: 'people', numbers: ['200001'] } });
      const version = await publish(v2);
      expect(version).toBe(2);

      const fresh = await c.submit(student, 'classroom-booking', CLASSROOM_VALUES);
      expect(fresh.version).toBe(2);
      expect(fresh.currentNodes).toEqual([expect.objectContaining({ name: '教务处审批', assignees: [expect.objectContaining({ id: counselor.id })] })]);
      // the old request keeps v1's approver and names, and finishes on v1's flow
      const old = await c.detail(teacher, running.id);
      expect(old.definition.flow.nodes.find((n) => n.id === 'manager')!.name).toBe('楼宇管理员审批');
      const approved = await c.act(teacher, old.myTasks[0].task.id, { action: 'approve', values: { voucher: 'V1' } });
      expect(approved.json<RequestDetail>().status).toBe('completed');
      expect((await c.call(student, 'GET', '/api/microapps/classroom-booking/versions/1')).statusCode).toBe(200);
      // a form rendered from v1 may still be submitted; a version that never existed may not
      const stale = await c.call(student, 'POST', '/api/microapps/classroom-booking/requests', { idempotencyKey: randomUUID(), version: 1, values: CLASSROOM_VALUES });
      expect(stale.json<RequestDetail>().version).toBe(1);
      const unknown = await c.call(student, 'POST', '/api/microapps/classroom-booking/requests', { idempotencyKey: randomUUID(), version: 9, values: CLASSROOM_VALUES });
      expect(unknown.statusCode).toBe(409);
    });

    it('rejects a bad definition naming what is wrong, and publishes a version once', async () => {
      const bad = twoApprovers('bad-def', 'any');
      (bad.flow.nodes[1] as { next: string }).next = 'nowhere';
      const response = await c.call(admin, 'POST', '/api/admin/microapps', { definition: bad });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields).toEqual([{ field: '/flow/nodes/1/next', message: '指向了不存在的节点「nowhere」' }]);
      const validated = await c.call(admin, 'POST', '/api/admin/microapps/validate', { definition: bad });
      expect(validated.json()).toEqual({ ok: false, issues: [{ field: '/flow/nodes/1/next', message: expect.any(String) }] });
      const again = await c.call(admin, 'POST', '/api/admin/microapps/or-sign-test/versions/1/publish');
      expect(again.statusCode).toBe(409);
    });
  });

  describe('timeouts', () => {
    it('reminds, escalates and auto-completes from the scheduler, each timer once across processes', async () => {
      const dispatcher = await c.as('dispatcher');
      const worker = await c.as('worker');
      const { applicant } = (await c.call(student, 'GET', '/api/microapps/repair')).json<{ applicant: { dorm: unknown } }>();
      const request = await c.submit(student, 'repair', { category: '水电/插座', location: applicant.dorm, description: '插座没有电了', phone: '13900001111' });
      await c.act(dispatcher, await c.taskOn(dispatcher, request.id), { action: 'approve', values: { worker: { id: worker.id, name: '' } } });
      const start = Date.now();
      const run = (hours: number, owner: string) => runDueTimers(t.app.db, { now: new Date(start + hours * HOUR), owner, definitionOf });

      // two processes polling at the same moment, 25 h later: the worker's 24 h reminder fires once
      const [a, b] = await Promise.all([run(25, 'p1'), run(25, 'p2')]);
      // (other tests' requests have timers too: every timer that fired fired in exactly one process)
      const done = await t.app.db.selectFrom('workflow_timers').select('id').where('status', '=', 'done').execute();
      expect(a.fired + b.fired).toBe(done.length);
      expect(await events(request.id, 'remind')).toBe(1);
      // 49 h: overdue, flagged to the dispatcher
      await Promise.all([run(49, 'p1'), run(49, 'p2')]);
      expect(await events(request.id, 'escalate')).toBe(1);
      const stats = (await c.call(dispatcher, 'GET', '/api/microapps/repair/stats')).json<{ overdue: number; groups: { field: string; overdue: number }[] }>();
      expect(stats.overdue).toBeGreaterThanOrEqual(1);
      expect((await c.detail(worker, request.id)).myTasks[0].task.overdue).toBe(true);
      // the dispatcher's ticket list: overdue, and by building
      const building = (applicant.dorm as { buildingName: string }).buildingName;
      const tickets = async (query: string) =>
        (await c.call(dispatcher, 'GET', `/api/microapps/repair/tickets?${query}`)).json<{ items: { requestId: string; overdue?: boolean }[] }>().items;
      expect((await tickets('status=overdue')).find((i) => i.requestId === request.id)).toEqual(expect.objectContaining({ overdue: true }));
      expect((await tickets(`status=open&field=location&value=${encodeURIComponent(building)}`)).map((i) => i.requestId)).toContain(request.id);
      expect((await tickets('status=open&field=location&value=nowhere')).map((i) => i.requestId)).not.toContain(request.id);
      expect((await tickets('status=completed')).map((i) => i.requestId)).not.toContain(request.id);
      // a student sees only their own in the same list
      const others = (await c.call(counselor, 'GET', '/api/microapps/repair/tickets')).json<{ items: unknown[] }>().items;
      expect(others).toEqual([]);
      const escalations = await t.app.db.selectFrom('messages').select('title').where('person_id', '=', dispatcher.id).where('title', 'like', '超时%').execute();
      expect(escalations).toHaveLength(1);

      await c.act(worker, await c.taskOn(worker, request.id), { action: 'approve', values: { completionNote: '更换插座' } });
      // the worker's remaining timers are gone with the task; 72 h after the confirm step opened, it auto-confirms
      await run(60, 'p1');
      expect(await events(request.id, 'remind')).toBe(1);
      const later = Date.now() - start;
      await Promise.all([run(73 + later / HOUR, 'p1'), run(73 + later / HOUR, 'p2')]);
      expect(await events(request.id, 'auto')).toBe(1);
      const final = await c.detail(student, request.id);
      expect(final.status).toBe('completed');
      expect(final.timeline.find((e) => e.action === 'auto')).toEqual(expect.objectContaining({ nodeId: 'confirm', comment: '72 小时未确认，系统自动确认' }));
      expect(final.timeline.find((e) => e.action === 'auto')).not.toHaveProperty('actor');
    });

    it('a process that died holding a timer lease only delays it', async () => {
      const { applicant } = (await c.call(student, 'GET', '/api/microapps/repair')).json<{ applicant: { dorm: unknown } }>();
      const request = await c.submit(student, 'repair', { category: '水电/插座', location: applicant.dorm, description: '另一个插座没电', phone: '13900001111' });
      const timer = await t.app.db.selectFrom('workflow_timers').select('id').where('request_id', '=', request.id).executeTakeFirstOrThrow();
      const due = new Date(Date.now() + 5 * HOUR);
      // "crashed" process: claimed the timer, never fired it
      await t.app.db.updateTable('workflow_timers').set({ lease_owner: 'dead', lease_until: new Date(due.getTime() + 60_000).toISOString() }).where('id', '=', timer.id).execute();
      expect((await runDueTimers(t.app.db, { now: due, owner: 'alive', definitionOf })).fired).toBe(0);
      expect((await runDueTimers(t.app.db, { now: new Date(due.getTime() + 120_000), owner: 'alive', definitionOf })).fired).toBe(1);
      expect(await events(request.id, 'remind')).toBe(1);
    });
  });

  describe('outbox', () => {
    it('pushes go out once, even after a crash before sending and with two workers racing', async () => {
      const openid = `o-test-${randomUUID()}`;
      await t.app.db
        .insertInto('identity_bindings')
        .values({ id: randomUUID(), provider: 'wechat', subject: openid, unionid: null, person_id: teacher.id, bound_at: new Date().toISOString() })
        .execute();
      const sent: { address: string; payload: PushPayload }[] = [];
      const adapters = { wechat: async (address: string, payload: PushPayload) => (sent.push({ address, payload }), 'msg') };
      // settle whatever earlier tests queued
      await deliverOutbox(t.app.db, adapters, { now: new Date(Date.now() + HOUR), owner: 'w0', limit: 1000 });
      sent.length = 0;

      // the transition commits its message and push; the process "crashes" before any worker runs
      const request = await c.submit(student, 'or-sign-test', { reason: '推送' });
      const row = await t.app.db
        .selectFrom('outbox')
        .innerJoin('messages', 'messages.id', 'outbox.message_id')
        .select(['outbox.id', 'outbox.status'])
        .where('messages.request_id', '=', request.id)
        .where('outbox.address', '=', openid)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('pending');

      // a worker that claimed it and died: its lease must run out before anyone resends
      const now = new Date(Date.now() + 2 * HOUR);
      await t.app.db.updateTable('outbox').set({ status: 'sending', lease_owner: 'dead', lease_until: new Date(now.getTime() + 30_000).toISOString() }).where('id', '=', row.id).execute();
      await deliverOutbox(t.app.db, adapters, { now, owner: 'w1' });
      expect(sent).toHaveLength(0);

      const later = new Date(now.getTime() + 60_000);
      const reports = await Promise.all([
        deliverOutbox(t.app.db, adapters, { now: later, owner: 'w1' }),
        deliverOutbox(t.app.db, adapters, { now: later, owner: 'w2' }),
      ]);
      expect(reports[0].sent + reports[1].sent).toBe(1);
      expect(sent).toEqual([{ address: openid, payload: expect.objectContaining({ title: '待办：或签测试' }) }]);
      expect((await t.app.db.selectFrom('outbox').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status).toBe('sent');
      await deliverOutbox(t.app.db, adapters, { now: new Date(later.getTime() + HOUR), owner: 'w3' });
      expect(sent).toHaveLength(1);
    });

    it('retries a failed push with back-off, then gives up', async () => {
      const openid = `o-fail-${randomUUID()}`;
      await t.app.db
        .insertInto('identity_bindings')
        .values({ id: randomUUID(), provider: 'wechat', subject: openid, unionid: null, person_id: counselor.id, bound_at: new Date().toISOString() })
        .execute();
      const ok = async () => 'ok';
      await deliverOutbox(t.app.db, { wechat: ok }, { now: new Date(Date.now() + HOUR), owner: 'w0', limit: 1000 });
      await publish({ ...twoApprovers('retry-test', 'any') });
      await c.submit(student, 'retry-test', { reason: '重试' });
      let calls = 0;
      const failing = {
        wechat: async (address: string) => {
          if (address === openid) calls += 1;
          throw new Error('down');
        },
      };
      let now = Date.now() + 2 * HOUR;
      for (let i = 0; i < 8; i += 1) {
        await deliverOutbox(t.app.db, failing, { now: new Date(now), owner: 'w' });
        now += HOUR;
      }
      expect(calls).toBe(5);
      const row = await t.app.db.selectFrom('outbox').select(['status', 'attempts']).where('address', '=', openid).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'failed', attempts: 5 });
    });
  });
});

function uploadBody(actor: Actor, data: Buffer, type: string) {
  const boundary = 'b0undary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\nContent-Type: ${type}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { authorization: `Bearer ${actor.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
