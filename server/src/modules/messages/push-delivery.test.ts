/**
 * Pushes through the real adapters and integration clients to the WeChat and DingTalk
 * stand-ins, over HTTP, in the wire formats of the real APIs.
 */
import { randomUUID } from 'node:crypto';
import { demoAccount } from '../../../../mocks/campus/demo-accounts';
import { dingtalkUseridFor, wechatOpenidFor } from '../../../../mocks/stand-ins';
import { TEST_DIALECTS, createTestApp, type TestApp } from '../../test/test-app';
import { EngineClient } from '../workflow/engine-test-kit';
import { CLASSROOM_VALUES } from '../workflow/matrix-fixtures';
import { pushAdapters } from '../workflow/engine.plugin';
import { deliverOutbox } from './outbox';

describe.each(TEST_DIALECTS)('push delivery to the stand-ins on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { standIns: {} });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends a WeChat subscribe message and a DingTalk work notice for a new to-do, once', async () => {
    const c = new EngineClient(t);
    const teacher = await c.as('teacher');
    const number = demoAccount('teacher').username;
    const openid = wechatOpenidFor('wx-demo-appid', number);
    const userid = dingtalkUseridFor(number);
    const at = new Date().toISOString();
    await t.app.db
      .insertInto('identity_bindings')
      .values([
        { id: randomUUID(), provider: 'wechat', subject: openid, unionid: null, person_id: teacher.id, bound_at: at },
        { id: randomUUID(), provider: 'dingtalk', subject: userid, unionid: null, person_id: teacher.id, bound_at: at },
      ])
      .execute();
    const student = await c.as('student');
    const request = await c.submit(student, 'classroom-booking', CLASSROOM_VALUES);

    const adapters = pushAdapters(t.app);
    const first = await deliverOutbox(t.app.db, adapters, { now: new Date(), owner: 'test' });
    expect(first).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(await deliverOutbox(t.app.db, adapters, { now: new Date(), owner: 'test' })).toEqual({ sent: 0, retried: 0, failed: 0 });

    const wechat = await fetch(`${t.baseUrl}/mock/wechat/__test/subscribe-messages?touser=${openid}`).then((r) => r.json() as Promise<{ messages: Record<string, unknown>[] }>);
    expect(wechat.messages).toEqual([
      expect.objectContaining({
        touser: openid,
        template_id: 'demo-todo-template',
        page: `packages/microapp/pages/detail/index?id=${request.id}`,
        data: { thing1: { value: '待办：教室借用' }, thing2: { value: expect.stringMatching(/^「.+/) }, time3: { value: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) } },
      }),
    ]);
    expect([...(wechat.messages[0].data as { thing2: { value: string } }).thing2.value].length).toBeLessThanOrEqual(20);
    const dingtalk = await fetch(`${t.baseUrl}/mock/dingtalk/__test/work-notices?userid=${userid}`).then((r) => r.json() as Promise<{ notices: Record<string, unknown>[] }>);
    expect(dingtalk.notices).toEqual([
      expect.objectContaining({
        agent_id: '1000001',
        userid_list: [userid],
        msg: expect.objectContaining({ msgtype: 'oa', oa: expect.objectContaining({ message_url: `${t.baseUrl}/packages/microapp/pages/detail/index?id=${request.id}`, body: expect.objectContaining({ title: '待办：教室借用' }) }) }),
      }),
    ]);
  });
});
