/**
 * The inbox over HTTP: newest first with a cursor, unread counts, marking one or all read — each
 * person only ever touches their own messages.
 */
import type { MessagePage, ReadAllResult } from '../../../../types/microapp';
import { TEST_DIALECTS, createTestApp, type TestApp } from '../../test/test-app';
import { EngineClient, type Actor } from '../workflow/engine-test-kit';
import { enqueueMessages } from './messages.repository';

describe.each(TEST_DIALECTS)('the inbox on %s', (dialect) => {
  let t: TestApp;
  let c: EngineClient;
  let student: Actor;
  let teacher: Actor;
  const page = async (actor: Actor, query = '') => {
    const response = await c.call(actor, 'GET', `/api/messages${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<MessagePage>();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    c = new EngineClient(t);
    student = await c.as('student');
    teacher = await c.as('teacher');
    // 25 messages for the student a minute apart, 3 for the teacher
    for (let n = 0; n < 25; n += 1) {
      await enqueueMessages(t.app.db, [student.id], { title: `通知 ${n}`, body: `第 ${n} 条`, ...(n === 24 ? { link: '/packages/walk/pages/index/index' } : {}) }, new Date(Date.UTC(2026, 11, 1, 8, n)));
    }
    for (let n = 0; n < 3; n += 1) await enqueueMessages(t.app.db, [teacher.id], { title: `教师通知 ${n}`, body: '…' }, new Date(Date.UTC(2026, 11, 1, 9, n)));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists newest first, 20 a page, and the cursor walks to the end without repeats', async () => {
    const first = await page(student);
    expect(first.items.map((m) => m.title).slice(0, 3)).toEqual(['通知 24', '通知 23', '通知 22']);
    expect(first.items).toHaveLength(20);
    expect(first.items[0]).toMatchObject({ link: '/packages/walk/pages/index/index', read: false });
    expect(first.unread).toBeGreaterThanOrEqual(25);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(student, `?cursor=${first.nextCursor}`);
    const titles = [...first.items, ...second.items].map((m) => m.title).filter((title) => title.startsWith('通知 '));
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toHaveLength(25);
    const bad = await c.call(student, 'GET', '/api/messages?cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '分页参数无效' });
  });

  it('marks one read (idempotently); someone else’s message is 403 and stays unread', async () => {
    const before = await page(student);
    const target = before.items[0]!;
    expect((await c.call(student, 'POST', `/api/messages/${target.id}/read`)).statusCode).toBe(200);
    expect((await c.call(student, 'POST', `/api/messages/${target.id}/read`)).statusCode).toBe(200);
    const after = await page(student);
    expect(after.unread).toBe(before.unread - 1);
    expect(after.items.find((m) => m.id === target.id)?.read).toBe(true);

    const theirs = (await page(teacher)).items[0]!;
    const refused = await c.call(student, 'POST', `/api/messages/${theirs.id}/read`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await page(teacher)).items.find((m) => m.id === theirs.id)?.read).toBe(false);
  });

  it('全部已读 clears only the asker’s inbox; a second tap changes nothing', async () => {
    const teacherUnread = (await page(teacher)).unread;
    const unread = (await page(student)).unread;
    const cleared = await c.call(student, 'POST', '/api/messages/read-all');
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json<ReadAllResult>()).toEqual({ ok: true, read: unread });
    expect((await page(student)).unread).toBe(0);
    expect((await c.call(student, 'POST', '/api/messages/read-all')).json<ReadAllResult>()).toEqual({ ok: true, read: 0 });
    expect((await page(teacher)).unread).toBe(teacherUnread);
    const badges = await c.call(student, 'GET', '/api/me/badges');
    expect(badges.json()).toMatchObject({ unreadMessages: 0 });
    expect((await c.call(null, 'POST', '/api/messages/read-all')).statusCode).toBe(401);
  });
});
