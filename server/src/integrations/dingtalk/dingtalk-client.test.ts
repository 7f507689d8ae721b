import { DEMO_USERNAMES } from '../../../../mocks/campus';
import { campusDirectory } from '../../../../mocks/cas/stand-in-kit';
import { dingtalkUseridFor } from '../../../../mocks/dingtalk';
import { STAND_IN_DEMO_CREDENTIALS } from '../config';
import { everythingIn, rejectionOf, startStandIns, STAND_IN_STUDENTS, type RunningStandIns } from '../test-stand-ins';
import { createDingtalkClient, type DingtalkClientConfig } from './dingtalk-client';

let standIns: RunningStandIns;
let config: DingtalkClientConfig;
beforeAll(async () => {
  standIns = await startStandIns();
  config = { apiBase: standIns.urls.dingtalk, appKey: STAND_IN_DEMO_CREDENTIALS.dingtalkAppKey, appSecret: STAND_IN_DEMO_CREDENTIALS.dingtalkAppSecret };
});
afterAll(() => standIns.close());

async function authCode(body: Record<string, unknown>): Promise<string> {
  const response = await standIns.post('/mock/dingtalk/__test/auth-code', body);
  expect(response.status).toBe(200);
  return ((await response.json()) as { code: string }).code;
}

async function tokenRequests(): Promise<number> {
  return ((await (await fetch(`${standIns.urls.dingtalk}/__test/stats`)).json()) as { tokenRequests: number }).tokenRequests;
}

const teacher = () => campusDirectory(STAND_IN_STUDENTS).byNumber(DEMO_USERNAMES.teacher)!;

describe('DingTalk client against the DingTalk stand-in', () => {
  it('maps an auth code to the staff member, with job number and mobile', async () => {
    const dingtalk = createDingtalkClient(config);
    const user = await dingtalk.getUserByAuthCode(await authCode({ number: DEMO_USERNAMES.teacher }));
    expect(user).toEqual({
      userid: dingtalkUseridFor(DEMO_USERNAMES.teacher),
      name: '张建国',
      jobNumber: DEMO_USERNAMES.teacher,
      mobile: teacher().mobile,
      unionid: expect.any(String),
    });
  });

  it('caches the access token: two logins, one gettoken; concurrent logins share one request', async () => {
    const dingtalk = createDingtalkClient(config);
    const before = await tokenRequests();
    await dingtalk.getUserByAuthCode(await authCode({ number: DEMO_USERNAMES.teacher }));
    await dingtalk.getUserByAuthCode(await authCode({ number: DEMO_USERNAMES.counselor }));
    expect((await tokenRequests()) - before).toBe(1);

    const fresh = createDingtalkClient(config);
    const codes = await Promise.all([1, 2, 3, 4].map(() => authCode({ number: DEMO_USERNAMES.dispatcher })));
    const middle = await tokenRequests();
    const users = await Promise.all(codes.map((code) => fresh.getUserByAuthCode(code)));
    expect(users.map((user) => user.jobNumber)).toEqual([1, 2, 3, 4].map(() => DEMO_USERNAMES.dispatcher));
    expect((await tokenRequests()) - middle).toBe(1);
  });

  it('refetches a token DingTalk has expired (errcode 88), once, and carries on', async () => {
    const dingtalk = createDingtalkClient(config);
    await dingtalk.getUserByAuthCode(await authCode({ number: DEMO_USERNAMES.teacher }));
    const before = await tokenRequests();
    await standIns.post('/mock/dingtalk/__test/expire-tokens', {});
    const user = await dingtalk.getUserByAuthCode(await authCode({ number: DEMO_USERNAMES.teacher }));
    expect(user.jobNumber).toBe(DEMO_USERNAMES.teacher);
    expect((await tokenRequests()) - before).toBe(1);
  });

  it('refreshes the token before expires_in runs out, by its own clock', async () => {
    let now = Date.now();
    const dingtalk = createDingtalkClient(config, { now: () => now });
    await dingtalk.getUserByAuthCode(await authCode({ number: DEMO_USERNAMES.teacher }));
    const before = await tokenRequests();
    now += 60 * 60_000; // an hour: still cached
    await dingtalk.getUserByAuthCode(await authCode({ number: DEMO_USERNAMES.teacher }));
    expect(await tokenRequests()).toBe(before);
    now += 56 * 60_000; // 1 h 56 min: within the margin before 2 h
    await dingtalk.getUserByAuthCode(await authCode({ number: DEMO_USERNAMES.teacher }));
    expect((await tokenRequests()) - before).toBe(1);
  });

  it('rejects a bad or used auth code (40078)', async () => {
    const dingtalk = createDingtalkClient(config);
    await expect(dingtalk.getUserByAuthCode('not-a-code')).rejects.toMatchObject({ system: 'dingtalk', kind: 'rejected', upstreamCode: '40078' });
    await expect(dingtalk.getUserByAuthCode('')).rejects.toMatchObject({ kind: 'rejected' });
    const code = await authCode({ number: DEMO_USERNAMES.teacher });
    await dingtalk.getUserByAuthCode(code);
    const error = await rejectionOf(dingtalk.getUserByAuthCode(code));
    expect(error).toMatchObject({ kind: 'rejected', upstreamCode: '40078' });
    expect((error as Error).message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('an unknown DingTalk user has no job number; a staff member without one still has the mobile', async () => {
    const dingtalk = createDingtalkClient(config);
    const stranger = await dingtalk.getUserByAuthCode(await authCode({ unknown: true }));
    expect(stranger.jobNumber).toBeUndefined();
    expect(stranger.mobile).toMatch(/^1\d{10}$/);
    expect(campusDirectory(STAND_IN_STUDENTS).byMobile(stranger.mobile!)).toBeUndefined();

    const noJobNumber = await dingtalk.getUserByAuthCode(await authCode({ number: DEMO_USERNAMES.teacher, withoutJobNumber: true }));
    expect(noJobNumber.jobNumber).toBeUndefined();
    expect(noJobNumber.mobile).toBe(teacher().mobile);
  });

  it('is unavailable for a wrong app secret (40089), never showing it', async () => {
    const secret = 'wrong-dingtalk-secret-value';
    const dingtalk = createDingtalkClient({ ...config, appSecret: secret });
    const error = await rejectionOf(dingtalk.getUserByAuthCode(await authCode({ number: DEMO_USERNAMES.teacher })));
    expect(error).toMatchObject({ kind: 'unavailable', upstreamCode: '40089' });
    expect(everythingIn(error)).not.toContain(secret);
  });

  it('gives up after one refetch when DingTalk keeps refusing the token', async () => {
    let gettoken = 0;
    const dingtalk = createDingtalkClient(config, {
      fetch: async (input) => {
        if (String(input).includes('/gettoken')) {
          gettoken += 1;
          return new Response(JSON.stringify({ errcode: 0, errmsg: 'ok', access_token: `t${gettoken}`, expires_in: 7200 }));
        }
        return new Response(JSON.stringify({ errcode: 88, sub_code: '40014', errmsg: '不合法的access_token' }));
      },
    });
    await expect(dingtalk.getUserByAuthCode('abc')).rejects.toMatchObject({ kind: 'unavailable', upstreamCode: 'token_rejected' });
    expect(gettoken).toBe(2);
  });

  it('is unavailable when DingTalk is down or slow, and tries the token again on the next login', async () => {
    const down = createDingtalkClient({ ...config, apiBase: 'http://127.0.0.1:1' });
    await expect(down.getUserByAuthCode('abc')).rejects.toMatchObject({ kind: 'unavailable', upstreamCode: 'network' });
    await expect(down.getUserByAuthCode('abc')).rejects.toMatchObject({ kind: 'unavailable', upstreamCode: 'network' });
    const slow = createDingtalkClient({ ...config, apiBase: standIns.slowUrl }, { timeoutMs: 200 });
    await expect(slow.getUserByAuthCode('abc')).rejects.toMatchObject({ kind: 'unavailable', upstreamCode: 'timeout' });
  });
});

describe('DingTalk work notices against the stand-in', () => {
  it('sends an OA card to the user through asyncsend_v2 with the agent id', async () => {
    const userid = `u${Date.now()}`;
    const taskId = await createDingtalkClient({ ...config, agentId: '1000001' }).sendWorkNotice({ useridList: [userid], title: '待办：教室借用', content: '请审批', messageUrl: 'https://campus.example/#/x' });
    expect(taskId).toMatch(/^\d+$/);
    const notices = ((await (await fetch(`${standIns.baseUrl}/mock/dingtalk/__test/work-notices?userid=${userid}`)).json()) as { notices: Record<string, unknown>[] }).notices;
    expect(notices).toEqual([
      expect.objectContaining({
        agent_id: '1000001',
        userid_list: [userid],
        msg: { msgtype: 'oa', oa: expect.objectContaining({ message_url: 'https://campus.example/#/x', body: { title: '待办：教室借用', content: '请审批' } }) },
      }),
    ]);
  });

  it('a wrong agent id or none is unavailable, not a crash', async () => {
    const notice = { useridList: ['u1'], title: 't', content: 'c', messageUrl: 'https://x' };
    await expect(createDingtalkClient({ ...config, agentId: '42' }).sendWorkNotice(notice)).rejects.toMatchObject({ kind: 'unavailable', upstreamCode: '33' });
    await expect(createDingtalkClient(config).sendWorkNotice(notice)).rejects.toMatchObject({ kind: 'unavailable', upstreamCode: 'no_agent_id' });
  });
});
describe('DingTalk steps (staff walking) against the stand-in', () => {
  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');

  it('reads a user’s days from /topapi/health/stepinfo/list, leaving out days that have not happened', async () => {
    const dingtalk = createDingtalkClient(config);
    const userid = dingtalkUseridFor(DEMO_USERNAMES.teacher);
    await standIns.post('/mock/dingtalk/__test/steps', { userid, statDate: today(), stepCount: 4321 });
    const steps = await dingtalk.getStepInfo(userid, [today(), '20991231']);
    expect(steps).toEqual([{ statDate: today(), stepCount: 4321 }]);
  });

  it('takes at most 31 dates as YYYYMMDD, and refetches an expired token once', async () => {
    const dingtalk = createDingtalkClient(config);
    const userid = dingtalkUseridFor(DEMO_USERNAMES.counselor);
    await expect(dingtalk.getStepInfo(userid, Array.from({ length: 32 }, () => today()))).rejects.toThrow('1..31');
    await expect(dingtalk.getStepInfo(userid, ['2027-02-01'])).rejects.toThrow('YYYYMMDD');
    await dingtalk.getStepInfo(userid, [today()]);
    await standIns.post('/mock/dingtalk/__test/expire-tokens', {});
    expect(await dingtalk.getStepInfo(userid, [today()])).toHaveLength(1);
  });
});

