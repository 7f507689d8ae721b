import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../../../mocks/campus/demo-accounts';
import { dingtalkUseridFor } from '../../../../mocks/dingtalk';
import { encryptOpenData, encryptWeRunData, weRunDays } from '../../../../mocks/wechat/werun';
import type { ChallengeDetail, ChallengeInput, Leaderboard, SyncResult } from '../../../../types/walk';
import { deriveKey, open } from '../../shared/crypto';
import { dingtalkCode, platformLogin, wechatCode } from '../../test/login-flows';
import { TEST_DIALECTS, bearer, createTestApp, login, type TestApp } from '../../test/test-app';
import { wechatKeyContext } from '../identity/platform.service';
import { addDays, chinaDay } from './walk.days';
import { DEMO_CHALLENGE_ID, DEMO_LOGISTICS_CHALLENGE_ID, DEMO_PAST_CHALLENGE_ID } from './walk.seed';
import { createWalkService } from './walk.service';

const APP_ID = 'wx-demo-appid';

describe.each(TEST_DIALECTS)('staff walking on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let teacher: string;
  let teacherId: string;
  const today = chinaDay(Date.now());

  const call = async (token: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

  const challengeInput = (overrides: Partial<ChallengeInput> = {}): ChallengeInput => ({
    name: '测试健步走',
    startDate: addDays(today, -10),
    endDate: addDays(today, 10),
    scope: 'all',
    teamMode: 'department',
    dailyGoal: 8000,
    dailyCap: 15000,
    joinMode: 'opt_in',
    ...overrides,
  });

  async function createChallenge(overrides: Partial<ChallengeInput> = {}): Promise<string> {
    const response = await call(admin, 'POST', '/api/walk/challenges', challengeInput(overrides));
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  }

  /** the teacher's WeChat bound once: the server holds their session_key */
  async function wechatLoginTeacher(): Promise<string> {
    const first = await platformLogin(t, 'wechat', await wechatCode(t, { number: DEMO_USERNAMES.teacher }));
    if (first.result.status === 'bound') return first.result.accessToken;
    if (first.result.status !== 'needs_binding') throw new Error('unexpected');
    const bound = await t.app.inject({
      method: 'POST',
      url: '/api/auth/bind',
      payload: { bindTicket: first.result.bindTicket, username: DEMO_USERNAMES.teacher, password: DEMO_PASSWORD },
    });
    expect(bound.statusCode).toBe(200);
    return bound.json<{ accessToken: string }>().accessToken;
  }

  /** the session_key as the server holds it (the test plays the WeChat client, which knows it) */
  async function teacherSessionKey(): Promise<string> {
    const row = await t.app.db.selectFrom('wechat_sessions').select(['openid', 'session_key_enc']).where('person_id', '=', teacherId).executeTakeFirstOrThrow();
    return open(deriveKey(t.config.dataSecret, 'wechat-session-key'), row.session_key_enc, wechatKeyContext(row.openid))!;
  }

  const weRun = (sessionKey: string, stepsFor: (daysAgo: number) => number, options: { appId?: string; watermarkMs?: number } = {}) =>
    encryptWeRunData(sessionKey, { appId: options.appId ?? APP_ID, stepInfoList: weRunDays(Date.now(), stepsFor), watermarkMs: options.watermarkMs ?? Date.now() });

  async function dingtalkLogin(number: string): Promise<string> {
    const result = await platformLogin(t, 'dingtalk', await dingtalkCode(t, { number }));
    if (result.result.status !== 'bound') throw new Error(`dingtalk login of ${number}: ${result.body}`);
    return result.result.accessToken;
  }

  async function setDingtalkSteps(number: string, day: string, stepCount: number): Promise<void> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/mock/dingtalk/__test/steps',
      payload: { userid: dingtalkUseridFor(number), statDate: day.replace(/-/g, ''), stepCount },
    });
    expect(response.statusCode).toBe(200);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { standIns: {} });
    admin = (await login(t.app, DEMO_USERNAMES.admin, DEMO_PASSWORD)).accessToken;
    const teacherLogin = await login(t.app, DEMO_USERNAMES.teacher, DEMO_PASSWORD);
    teacher = teacherLogin.accessToken;
    teacherId = teacherLogin.user.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seeds a running and a past demo challenge the demo teacher sees, with a leaderboard', async () => {
    const list = (await call(teacher, 'GET', '/api/walk/challenges')).json<{ challenges: { id: string; status: string; consented: boolean }[] }>();
    expect(list.challenges.map((c) => [c.id, c.status, c.consented])).toEqual([
      [DEMO_CHALLENGE_ID, 'running', true],
      [DEMO_PAST_CHALLENGE_ID, 'ended', true],
    ]);
    const board = (await call(teacher, 'GET', `/api/walk/challenges/${DEMO_CHALLENGE_ID}/leaderboard?period=all`)).json<Leaderboard>();
    expect(board.people.length).toBeGreaterThan(3);
    expect(board.me?.rank).toEqual(expect.any(Number));
    const past = (await call(teacher, 'GET', `/api/walk/challenges/${DEMO_PAST_CHALLENGE_ID}`)).json<ChallengeDetail>();
    expect(past.me?.daysElapsed).toBe(30);
    // the rest of the file starts from no challenge
    const dispatcher = (await login(t.app, DEMO_USERNAMES.dispatcher, DEMO_PASSWORD)).accessToken;
    const logistics = (await call(dispatcher, 'GET', `/api/walk/challenges/${DEMO_LOGISTICS_CHALLENGE_ID}`)).json<ChallengeDetail>();
    expect(logistics.me?.total).toBeGreaterThan(0);
    for (const id of [DEMO_CHALLENGE_ID, DEMO_PAST_CHALLENGE_ID, DEMO_LOGISTICS_CHALLENGE_ID]) expect((await call(admin, 'DELETE', `/api/walk/challenges/${id}`)).statusCode).toBe(204);
    await t.app.db.deleteFrom('walk_steps').execute();
  });

  it('only staff see challenges, and only those open to them', async () => {
    const onlyLogistics = await createChallenge({ name: '后勤专场', scope: 'departments', departments: ['后勤保障处'] });
    const student = (await login(t.app, DEMO_USERNAMES.student, DEMO_PASSWORD)).accessToken;
    const parent = (await login(t.app, DEMO_USERNAMES.parent, DEMO_PASSWORD)).accessToken;
    expect((await call(student, 'GET', '/api/walk/challenges')).statusCode).toBe(403);
    expect((await call(parent, 'GET', `/api/walk/challenges/${onlyLogistics}`)).statusCode).toBe(403);
    expect((await call(teacher, 'GET', `/api/walk/challenges/${onlyLogistics}`)).json().code).toBe('FORBIDDEN');
    expect((await call(teacher, 'POST', `/api/walk/challenges/${onlyLogistics}/participation`, { consent: true })).statusCode).toBe(403);
    const teacherList = (await call(teacher, 'GET', '/api/walk/challenges')).json<{ challenges: { id: string }[] }>();
    expect(teacherList.challenges.map((c) => c.id)).not.toContain(onlyLogistics);
    expect((await call(teacher, 'POST', '/api/walk/challenges', challengeInput())).statusCode).toBe(403);
    await call(admin, 'DELETE', `/api/walk/challenges/${onlyLogistics}`);
  });

  it('auto-join: a look joins without consent; after leaving, looking again does not join or ask, joining again does', async () => {
    const id = await createChallenge({ joinMode: 'auto' });
    const look = async () => (await call(teacher, 'GET', `/api/walk/challenges/${id}`)).json<ChallengeDetail>().challenge;
    expect(await look()).toMatchObject({ joined: true, consented: false, left: false });
    expect((await call(teacher, 'POST', `/api/walk/challenges/${id}/participation`, { consent: true })).statusCode).toBe(200);
    expect(await look()).toMatchObject({ joined: true, consented: true, left: false });
    expect((await call(teacher, 'DELETE', `/api/walk/challenges/${id}/participation`)).statusCode).toBe(204);
    expect(await look()).toMatchObject({ joined: false, consented: false, left: true });
    // the list (which also auto-joins) leaves them out too
    const listed = (await call(teacher, 'GET', '/api/walk/challenges')).json<{ challenges: Array<{ id: string; joined: boolean; left: boolean }> }>().challenges.find((c) => c.id === id);
    expect(listed).toMatchObject({ joined: false, left: true });
    expect(await look()).toMatchObject({ joined: false, left: true });
    // joining again by choice
    expect((await call(teacher, 'POST', `/api/walk/challenges/${id}/participation`, { consent: true })).statusCode).toBe(200);
    expect(await look()).toMatchObject({ joined: true, consented: true, left: false });
    // 删除我的步数 leaves every challenge, and auto-join respects that as well
    expect((await call(teacher, 'DELETE', '/api/walk/me/steps')).statusCode).toBe(204);
    expect(await look()).toMatchObject({ joined: false, left: true });
    await call(admin, 'DELETE', `/api/walk/challenges/${id}`);
  });

  it('validates a challenge: window, cap above goal, departments and groups', async () => {
    const bad = async (overrides: Partial<ChallengeInput>) => (await call(admin, 'POST', '/api/walk/challenges', challengeInput(overrides))).json().code;
    expect(await bad({ endDate: addDays(today, -11) })).toBe('VALIDATION_FAILED');
    expect(await bad({ dailyCap: 5000 })).toBe('VALIDATION_FAILED');
    expect(await bad({ scope: 'departments' })).toBe('VALIDATION_FAILED');
    expect(await bad({ teamMode: 'group' })).toBe('VALIDATION_FAILED');
    expect(await bad({ startDate: '2027-02-30' })).toBe('VALIDATION_FAILED');
  });

  describe('WeChat Run', () => {
    let challengeId: string;
    let wechatToken: string;
    let sessionKey: string;

    beforeAll(async () => {
      challengeId = await createChallenge();
      wechatToken = await wechatLoginTeacher();
      sessionKey = await teacherSessionKey();
    });

    it('needs the separate consent before any step is stored', async () => {
      const sync = await call(wechatToken, 'POST', '/api/walk/sync/wechat', weRun(sessionKey, () => 5000));
      expect([sync.statusCode, sync.json().code]).toEqual([403, 'WALK_CONSENT_REQUIRED']);
      expect((await call(wechatToken, 'POST', `/api/walk/challenges/${challengeId}/participation`, {})).statusCode).toBe(400);
      expect((await call(wechatToken, 'POST', `/api/walk/challenges/${challengeId}/participation`, { consent: false })).statusCode).toBe(400);
      const [first, second] = await Promise.all([
        call(wechatToken, 'POST', `/api/walk/challenges/${challengeId}/participation`, { consent: true }),
        call(wechatToken, 'POST', `/api/walk/challenges/${challengeId}/participation`, { consent: true }),
      ]);
      expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
      const detail = (await call(wechatToken, 'GET', `/api/walk/challenges/${challengeId}`)).json<ChallengeDetail>();
      expect(detail.challenge).toEqual(expect.objectContaining({ joined: true, consented: true, participants: 1 }));
    });

    it('upserts the last 31 days idempotently, counting the window and the cap', async () => {
      // 30,000 steps today (over the 15,000 cap), 9,000 on even days ago, 4,000 on odd ones
      const stepsFor = (daysAgo: number) => (daysAgo === 0 ? 30_000 : daysAgo % 2 === 0 ? 9000 : 4000);
      const payload = weRun(sessionKey, stepsFor);
      const first = await call(wechatToken, 'POST', '/api/walk/sync/wechat', payload);
      expect(first.statusCode).toBe(200);
      expect(first.json<SyncResult>()).toEqual(expect.objectContaining({ changed: 31, days: 31, todaySteps: 30_000 }));
      // in the window: 10 days ago … today; today capped
      let expected = 15_000;
      for (let daysAgo = 1; daysAgo <= 10; daysAgo += 1) expected += stepsFor(daysAgo);

      // the same data again, also several at once: nothing changes, nothing doubles
      const again = await Promise.all([1, 2, 3].map(() => call(wechatToken, 'POST', '/api/walk/sync/wechat', payload)));
      expect(again.map((response) => response.json<SyncResult>().changed)).toEqual([0, 0, 0]);

      const detail = (await call(wechatToken, 'GET', `/api/walk/challenges/${challengeId}`)).json<ChallengeDetail>();
      expect(detail.me).toEqual(
        expect.objectContaining({ todaySteps: 30_000, todayCounted: 15_000, goalProgress: 1, total: expected, rank: 1, gapToNext: null }),
      );
      // at goal (8,000) today and on 10, 8, 6, 4, 2 days ago: 6 of 11 days; the streak is today only
      expect(detail.me).toEqual(expect.objectContaining({ daysAtGoal: 6, daysElapsed: 11, streak: 1 }));
      expect(detail.me!.goalShare).toBeCloseTo(6 / 11);
      const rows = await t.app.db.selectFrom('walk_steps').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', teacherId).executeTakeFirstOrThrow();
      expect(Number(rows.n)).toBe(31);

      // a changed day moves the totals by the difference only
      const changed = await call(wechatToken, 'POST', '/api/walk/sync/wechat', weRun(sessionKey, (daysAgo) => (daysAgo === 1 ? 12_000 : stepsFor(daysAgo))));
      expect(changed.json<SyncResult>().changed).toBe(1);
      const week = (await call(wechatToken, 'GET', `/api/walk/challenges/${challengeId}/leaderboard?period=all`)).json<Leaderboard>();
      expect(week.people[0]).toEqual(expect.objectContaining({ personId: teacherId, steps: expected + 12_000 - stepsFor(1) }));
      const history = (await call(wechatToken, 'GET', `/api/walk/me/history?days=7&challengeId=${challengeId}`)).json<{ days: { day: string; steps: number }[]; goal: number }>();
      expect(history.goal).toBe(8000);
      expect(history.days).toHaveLength(7);
      expect(history.days[6]).toEqual({ day: today, steps: 30_000 });
      expect(history.days[5]).toEqual({ day: addDays(today, -1), steps: 12_000 });
    });

    it('answers each bad payload with a clear 4xx', async () => {
      const sync = async (body: unknown) => {
        const response = await call(wechatToken, 'POST', '/api/walk/sync/wechat', body);
        return [response.statusCode, response.json().code];
      };
      const good = weRun(sessionKey, () => 1000);
      expect(await sync(weRun(sessionKey, () => 1000, { appId: 'wx-another-app' }))).toEqual([400, 'WERUN_DATA_INVALID']);
      expect(await sync(weRun(sessionKey, () => 1000, { watermarkMs: Date.now() - 3600_000 }))).toEqual([400, 'WERUN_DATA_STALE']);
      expect(await sync(weRun(Buffer.alloc(16, 7).toString('base64'), () => 1000))).toEqual([409, 'WERUN_SESSION_STALE']);
      expect(await sync({ ...good, encryptedData: `${good.encryptedData.slice(0, -4)}!!!!` })).toEqual([400, 'WERUN_DATA_INVALID']);
      expect(await sync({ ...good, iv: 'bm90IGFuIGl2' })).toEqual([400, 'WERUN_DATA_INVALID']);
      const bytes = Buffer.from(good.encryptedData, 'base64');
      bytes[bytes.length - 1]! ^= 0x33;
      expect(await sync({ ...good, encryptedData: bytes.toString('base64') })).toEqual([409, 'WERUN_SESSION_STALE']);
      expect(await sync({ encryptedData: good.encryptedData })).toEqual([400, 'VALIDATION_FAILED']);
      const noList = encryptOpenData(sessionKey, { watermark: { appid: APP_ID, timestamp: Math.floor(Date.now() / 1000) } });
      expect(await sync(noList)).toEqual([400, 'WERUN_DATA_INVALID']);
    });

    it('after a new wx.login the old data no longer decrypts: WERUN_SESSION_STALE, then a retry with fresh data works', async () => {
      const oldKey = sessionKey;
      await wechatLoginTeacher();
      const stale = await call(wechatToken, 'POST', '/api/walk/sync/wechat', weRun(oldKey, () => 2000));
      expect(stale.json().code).toBe('WERUN_SESSION_STALE');
      sessionKey = await teacherSessionKey();
      expect(sessionKey).not.toBe(oldKey);
      const fresh = await t.app.inject({ method: 'POST', url: '/mock/wechat/__test/werun-data', payload: { openid: (await t.app.db.selectFrom('wechat_sessions').select('openid').where('person_id', '=', teacherId).executeTakeFirstOrThrow()).openid } });
      const retry = await call(wechatToken, 'POST', '/api/walk/sync/wechat', fresh.json());
      expect(retry.statusCode).toBe(200);
    });

    it('rejects impossible days, stores nothing from that sync, and records them for the admin', async () => {
      const before = (await call(wechatToken, 'GET', `/api/walk/challenges/${challengeId}`)).json<ChallengeDetail>().me!.total;
      const tooMany = await call(wechatToken, 'POST', '/api/walk/sync/wechat', weRun(sessionKey, (daysAgo) => (daysAgo === 2 ? 100_001 : 3000)));
      expect([tooMany.statusCode, tooMany.json().code]).toEqual([422, 'STEPS_IMPOSSIBLE']);
      expect(tooMany.json().fields).toEqual([{ field: `/days/${addDays(today, -2)}`, message: expect.stringContaining('100,000') }]);
      const negative = await call(wechatToken, 'POST', '/api/walk/sync/wechat', weRun(sessionKey, (daysAgo) => (daysAgo === 3 ? -5 : 3000)));
      expect(negative.json().code).toBe('STEPS_IMPOSSIBLE');
      const future = encryptWeRunData(sessionKey, {
        appId: APP_ID,
        stepInfoList: [{ timestamp: Math.floor(Date.now() / 1000) + 2 * 86_400, step: 500 }],
        watermarkMs: Date.now(),
      });
      expect((await call(wechatToken, 'POST', '/api/walk/sync/wechat', future)).json().code).toBe('STEPS_IMPOSSIBLE');
      expect((await call(wechatToken, 'GET', `/api/walk/challenges/${challengeId}`)).json<ChallengeDetail>().me!.total).toBe(before);
      const rejections = await call(admin, 'GET', `/api/walk/challenges/${challengeId}/rejections`);
      expect(rejections.json<{ rejections: { reason: string; steps: number }[] }>().rejections.map((r) => [r.reason, r.steps]).sort()).toEqual([
        ['future', 500],
        ['negative', -5],
        ['too_many', 100_001],
      ]);
      expect((await call(teacher, 'GET', `/api/walk/challenges/${challengeId}/rejections`)).statusCode).toBe(403);
    });

    it('leaving deletes my step data and takes me off the boards', async () => {
      expect((await call(wechatToken, 'DELETE', `/api/walk/challenges/${challengeId}/participation`)).statusCode).toBe(204);
      const board = (await call(admin, 'GET', `/api/walk/challenges/${challengeId}/leaderboard?period=all`)).json<Leaderboard>();
      expect(board.people).toEqual([]);
      const teams = (await call(admin, 'GET', `/api/walk/challenges/${challengeId}/leaderboard?period=all&board=departments`)).json<Leaderboard>();
      expect(teams.departments).toEqual([]);
      const left = await t.app.db.selectFrom('walk_steps').select('day').where('person_id', '=', teacherId).execute();
      expect(left).toEqual([]);
      const leftTotals = await t.app.db.selectFrom('walk_team_totals').select(['counted']).where('challenge_id', '=', challengeId).execute();
      expect(leftTotals.every((row) => row.counted === 0)).toBe(true);
      expect((await call(wechatToken, 'DELETE', `/api/walk/challenges/${challengeId}/participation`)).statusCode).toBe(404);
      await call(admin, 'DELETE', `/api/walk/challenges/${challengeId}`);
    });
  });

  describe('DingTalk, departments and likes', () => {
    let challengeId: string;
    const tokens: Record<'teacher' | 'counselor' | 'dispatcher', string> = { teacher: '', counselor: '', dispatcher: '' };

    beforeAll(async () => {
      // today only: the stand-in's other days do not matter
      challengeId = await createChallenge({ startDate: today, endDate: today, dailyGoal: 5000, dailyCap: 20_000 });
      for (const who of ['teacher', 'counselor', 'dispatcher'] as const) {
        tokens[who] = await dingtalkLogin(DEMO_USERNAMES[who]);
        expect((await call(tokens[who], 'POST', `/api/walk/challenges/${challengeId}/participation`, { consent: true })).statusCode).toBe(200);
      }
      await setDingtalkSteps(DEMO_USERNAMES.teacher, today, 12_000);
      await setDingtalkSteps(DEMO_USERNAMES.counselor, today, 4000);
      await setDingtalkSteps(DEMO_USERNAMES.dispatcher, today, 9000);
    });

    it('fetches the steps from DingTalk’s server-side step API', async () => {
      const synced = await call(tokens.teacher, 'POST', '/api/walk/sync/dingtalk');
      expect(synced.statusCode).toBe(200);
      expect(synced.json<SyncResult>()).toEqual(expect.objectContaining({ todaySteps: 12_000, days: 31 }));
      expect((await call(tokens.counselor, 'POST', '/api/walk/sync/dingtalk')).statusCode).toBe(200);
      expect((await call(tokens.dispatcher, 'POST', '/api/walk/sync/dingtalk')).statusCode).toBe(200);
    });

    it('ranks departments by average per member and by total', async () => {
      const board = async (sort: 'average' | 'total') =>
        (await call(tokens.teacher, 'GET', `/api/walk/challenges/${challengeId}/leaderboard?period=today&board=departments&sort=${sort}`)).json<Leaderboard>().departments;
      const [computing, logistics] = await Promise.all(
        [DEMO_USERNAMES.teacher, DEMO_USERNAMES.dispatcher].map(async (number) => (await t.app.db.selectFrom('people').select('department').where('number', '=', number).executeTakeFirstOrThrow()).department!),
      );
      expect(await board('average')).toEqual([
        { rank: 1, team: logistics, members: 1, total: 9000, average: 9000 },
        { rank: 2, team: computing, members: 2, total: 16_000, average: 8000 },
      ]);
      expect((await board('total')).map((team) => [team.rank, team.team])).toEqual([
        [1, computing],
        [2, logistics],
      ]);
      const people = (await call(tokens.counselor, 'GET', `/api/walk/challenges/${challengeId}/leaderboard?period=week`)).json<Leaderboard>();
      expect(people.people.map((entry) => [entry.rank, entry.steps])).toEqual([
        [1, 12_000],
        [2, 9000],
        [3, 4000],
      ]);
      expect(people.me).toEqual({ rank: 3, steps: 4000, gapToNext: 5001 });
    });

    it('takes one like per person per day, even when tapped at once', async () => {
      const dispatcherId = (await t.app.db.selectFrom('people').select('id').where('number', '=', DEMO_USERNAMES.dispatcher).executeTakeFirstOrThrow()).id;
      const taps = await Promise.all([1, 2, 3, 4].map(() => call(tokens.teacher, 'POST', `/api/walk/challenges/${challengeId}/likes`, { personId: dispatcherId })));
      expect(taps.map((tap) => tap.statusCode)).toEqual([200, 200, 200, 200]);
      expect(taps.at(-1)!.json()).toEqual({ likes: 1, likedByMe: true });
      const fromCounselor = await call(tokens.counselor, 'POST', `/api/walk/challenges/${challengeId}/likes`, { personId: dispatcherId });
      expect(fromCounselor.json()).toEqual({ likes: 2, likedByMe: true });
      expect((await call(tokens.dispatcher, 'POST', `/api/walk/challenges/${challengeId}/likes`, { personId: dispatcherId })).statusCode).toBe(400);
      const board = (await call(tokens.teacher, 'GET', `/api/walk/challenges/${challengeId}/leaderboard?period=today`)).json<Leaderboard>();
      expect(board.people.find((entry) => entry.personId === dispatcherId)).toEqual(expect.objectContaining({ likes: 2, likedByMe: true }));
    });

    it('rejects impossible DingTalk data too', async () => {
      await setDingtalkSteps(DEMO_USERNAMES.counselor, today, 250_000);
      const response = await call(tokens.counselor, 'POST', '/api/walk/sync/dingtalk');
      expect([response.statusCode, response.json().code]).toEqual([422, 'STEPS_IMPOSSIBLE']);
      await setDingtalkSteps(DEMO_USERNAMES.counselor, today, 4000);
    });

    it('runs the daily job: DingTalk steps for everyone bound, a reminder for who has not synced today', async () => {
      const service = createWalkService({ db: t.app.db, config: t.config, upstreams: t.app.upstreams, log: t.app.log });
      await setDingtalkSteps(DEMO_USERNAMES.dispatcher, today, 9500);
      // the teacher last synced yesterday evening: the reminder is for them
      await t.app.db
        .updateTable('walk_steps')
        .set({ synced_at: new Date(Date.parse(`${today}T00:00:00+08:00`) - 3600_000).toISOString() })
        .where('person_id', '=', teacherId)
        .execute();
      const first = await service.runDailyJobs({ fetchDingtalk: false });
      expect(first.reminded).toBe(1);
      const reminders = await t.app.db.selectFrom('walk_reminders').select(['person_id', 'message']).where('challenge_id', '=', challengeId).execute();
      expect(reminders).toEqual([{ person_id: teacherId, message: expect.stringContaining('还没有同步步数') }]);
      const inboxOf = () =>
        t.app.db.selectFrom('messages').select(['title', 'link']).where('person_id', '=', teacherId).where('title', '=', '健步走提醒').execute();
      expect(await inboxOf()).toEqual([{ title: '健步走提醒', link: expect.stringContaining(`/packages/walk/pages/challenge/index?id=${challengeId}`) }]);
      const second = await service.runDailyJobs();
      expect(second.reminded).toBe(0); // once a day, however many processes
      expect(await inboxOf()).toHaveLength(1);
      expect(second.fetched).toBe(3);
      const board = (await call(tokens.teacher, 'GET', `/api/walk/challenges/${challengeId}/leaderboard?period=today`)).json<Leaderboard>();
      expect(board.people.map((entry) => entry.steps)).toEqual([12_000, 9500, 4000]);
    });

    it('deleting my step data leaves every challenge', async () => {
      expect((await call(tokens.counselor, 'DELETE', '/api/walk/me/steps')).statusCode).toBe(204);
      const board = (await call(tokens.teacher, 'GET', `/api/walk/challenges/${challengeId}/leaderboard?period=today&board=departments&sort=total`)).json<Leaderboard>();
      expect(board.departments.map((team) => [team.members, team.total])).toEqual([
        [1, 12_000],
        [1, 9500],
      ]);
    });
  });
});
