import type { MessagePage, RequestDetail, TaskBoxCounts } from '../../../../types/microapp';
import { TEST_DIALECTS, createTestApp, localPath, type TestApp } from '../../test/test-app';
import { EngineClient, PNG } from './engine-test-kit';

describe.each(TEST_DIALECTS)('报修 end to end through the API on %s', (dialect) => {
  let t: TestApp;
  let c: EngineClient;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    c = new EngineClient(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('student reports with a photo → dispatcher assigns → worker completes → student rates', async () => {
    const student = await c.as('student');
    const dispatcher = await c.as('dispatcher');
    const worker = await c.as('worker');

    const definition = await c.call(student, 'GET', '/api/microapps/repair');
    expect(definition.statusCode).toBe(200);
    const { applicant } = definition.json<{ applicant: { dorm?: { buildingId: string; roomId: string } } }>();
    expect(applicant.dorm?.roomId).toBeTruthy();

    const photo = await c.upload(student);
    const request = await c.submit(student, 'repair', {
      category: '门窗/门锁',
      location: applicant.dorm,
      description: '宿舍门锁转不动，钥匙插不进去',
      photos: [photo],
      slots: ['evening'],
      phone: '13900001111',
    });
    expect(request.status).toBe('running');
    expect(request.title).toContain('门窗 / 门锁');
    expect(request.currentNodes.map((n) => n.id)).toEqual(['dispatch']);
    // the stored photo is the server's record, with a signed url that serves the bytes
    const stored = (request.values.photos as { id: string; url: string; size: number }[])[0];
    expect(stored.size).toBe(PNG.length);
    const image = await t.app.inject({ method: 'GET', url: localPath(stored.url) });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);

    const counts = (await c.call(dispatcher, 'GET', '/api/workflow/counts')).json<TaskBoxCounts>();
    expect(counts.todo).toBeGreaterThanOrEqual(1);
    const todo = await c.box(dispatcher, 'todo');
    expect(todo.items.map((i) => i.requestId)).toContain(request.id);

    const picked = (await c.call(dispatcher, 'GET', '/api/microapps/people?role=worker&q=300002')).json<{ people: { id: string; name: string }[] }>();
    expect(picked.people.map((p) => p.id)).toEqual([worker.id]);
    const dispatchTask = await c.taskOn(dispatcher, request.id);
    const assigned = await c.act(dispatcher, dispatchTask, { action: 'approve', values: { worker: { id: worker.id, name: 'x' }, dispatchNote: '请今晚上门' } });
    expect(assigned.statusCode).toBe(200);
    const afterAssign = assigned.json<RequestDetail>();
    expect(afterAssign.currentNodes).toEqual([expect.objectContaining({ id: 'handle', assignees: [{ id: worker.id, name: picked.people[0].name }] })]);
    // the dispatcher's name for the worker is the directory's, not what the client sent
    expect((afterAssign.nodeValues.dispatch.worker as { name: string }).name).toBe(picked.people[0].name);

    // the worker's completion report is validated against the step form
    const workerTask = await c.taskOn(worker, request.id);
    const incomplete = await c.act(worker, workerTask, { action: 'approve', values: {} });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().fields).toEqual([{ field: '/values/completionNote', message: '维修说明不能为空' }]);
    const after = await c.upload(worker);
    const done = await c.act(worker, workerTask, { action: 'approve', values: { completionNote: '更换了锁芯', completionPhotos: [after] } });
    expect(done.statusCode).toBe(200);
    expect(done.json<RequestDetail>().currentNodes.map((n) => n.id)).toEqual(['confirm']);

    const confirmTask = await c.taskOn(student, request.id);
    const rated = await c.act(student, confirmTask, { action: 'approve', values: { rating: 5, ratingComment: '很及时' } });
    expect(rated.statusCode).toBe(200);
    const final = rated.json<RequestDetail>();
    expect(final.status).toBe('completed');
    expect(final.currentNodes).toEqual([]);
    expect(final.timeline.map((e) => [e.action, e.nodeId, e.actor?.id ?? null])).toEqual([
      ['submit', 'start', student.id],
      ['approve', 'dispatch', dispatcher.id],
      ['approve', 'handle', worker.id],
      ['approve', 'confirm', student.id],
      ['complete', 'end', null],
    ]);
    expect(final.timeline[2].values?.completionNote).toBe('更换了锁芯');

    // each side's boxes
    expect((await c.box(student, 'mine')).items.find((i) => i.requestId === request.id)?.status).toBe('completed');
    expect((await c.box(worker, 'done')).items.map((i) => i.requestId)).toContain(request.id);
    expect((await c.box(worker, 'todo')).items.map((i) => i.requestId)).not.toContain(request.id);
    const inbox = (await c.call(student, 'GET', '/api/messages')).json<MessagePage>();
    expect(inbox.items.map((m) => m.title)).toContain('已办结：公寓报修');
    expect(inbox.unread).toBeGreaterThan(0);

    // the dispatcher's view of the app
    const stats = await c.call(dispatcher, 'GET', '/api/microapps/repair/stats');
    expect(stats.statusCode).toBe(200);
    expect(stats.json()).toEqual(expect.objectContaining({ completed: 1, averageRating: 5 }));
  });

  it('the applicant rejecting the fix sends it back to the worker', async () => {
    const student = await c.as('student');
    const dispatcher = await c.as('dispatcher');
    const worker = await c.as('worker');
    const { applicant } = (await c.call(student, 'GET', '/api/microapps/repair')).json<{ applicant: { dorm: unknown } }>();
    const request = await c.submit(student, 'repair', { category: '水电/电灯', location: applicant.dorm, description: '宿舍顶灯不亮了', phone: '13900001111' });
    await c.act(dispatcher, await c.taskOn(dispatcher, request.id), { action: 'approve', values: { worker: { id: worker.id, name: '' } } });
    await c.act(worker, await c.taskOn(worker, request.id), { action: 'approve', values: { completionNote: '换了灯管' } });
    const confirm = await c.taskOn(student, request.id);
    const noReason = await c.act(student, confirm, { action: 'reject', toNodeId: 'handle' });
    expect(noReason.statusCode).toBe(400);
    const rejected = await c.act(student, confirm, { action: 'reject', toNodeId: 'handle', comment: '还是不亮' });
    expect(rejected.statusCode).toBe(200);
    const detail = rejected.json<RequestDetail>();
    expect(detail.status).toBe('running');
    expect(detail.currentNodes).toEqual([expect.objectContaining({ id: 'handle', assignees: [expect.objectContaining({ id: worker.id })] })]);
    expect(detail.timeline.at(-1)).toEqual(expect.objectContaining({ action: 'reject', comment: '还是不亮', toNodeName: '上门维修' }));
  });

  it('网络 repairs go straight to the network centre, and a reject goes back there, not to a worker', async () => {
    const student = await c.as('student');
    const admin = await c.as('admin');
    const { applicant } = (await c.call(student, 'GET', '/api/microapps/repair')).json<{ applicant: { dorm: unknown } }>();
    const request = await c.submit(student, 'repair', { category: '网络/无线', location: applicant.dorm, description: '宿舍无线网连不上', phone: '13900001111' });
    expect(request.currentNodes).toEqual([expect.objectContaining({ id: 'network', assignees: [expect.objectContaining({ id: admin.id })] })]);
    await c.act(admin, await c.taskOn(admin, request.id), { action: 'approve', values: { completionNote: '重置了路由器' } });
    const detail = await c.detail(student, request.id);
    expect(detail.myTasks[0].rejectTo).toEqual([{ id: 'network', name: '网络中心处理' }]);
    const sent = await c.act(student, detail.myTasks[0].task.id, { action: 'reject', toNodeId: 'handle', comment: '还是连不上' });
    expect(sent.statusCode).toBe(400);
    const back = await c.act(student, detail.myTasks[0].task.id, { action: 'reject', toNodeId: 'network', comment: '还是连不上' });
    expect(back.json<RequestDetail>().currentNodes.map((n) => n.id)).toEqual(['network']);
  });
});
