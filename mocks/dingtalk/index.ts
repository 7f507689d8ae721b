/**
 * Stand-in for DingTalk's server API for an internal enterprise app (企业内部应用): the app
 * access token (same token while valid, counted so tests can prove caching), 免登 user info by
 * auth code, and the address-book user with job number and mobile. HTTP 200 with errcode, like
 * DingTalk.
 * https://open.dingtalk.com/document/orgapp/obtain-the-userid-of-a-user-by-using-the-log-free
 *
 *   GET  /gettoken?appkey&appsecret → {errcode:0, errmsg:'ok', access_token, expires_in:7200} | {errcode:40089}
 *   POST /topapi/v2/user/getuserinfo?access_token= {code} → {errcode:0, result:{userid, name, unionid, device_id, sys, sys_level}} | 40078
 *   POST /topapi/v2/user/get?access_token= {userid} → {errcode:0, result:{userid, name, mobile, job_number, …}} | 60121
 *   POST /topapi/message/corpconversation/asyncsend_v2?access_token= {agent_id, userid_list, msg}
 *        → {errcode:0, errmsg:'ok', task_id, request_id} | {errcode:40035 (bad params) | 33 (bad agent_id)}
 *   POST /topapi/health/stepinfo/list?access_token= {type:0, object_id:userid, stat_dates:'20270201,20270202'}
 *        → {errcode:0, stepinfo_list:[{stat_date:20270201, step_count:8123}]} (days after today are left out; > 31 dates → 40035)
 *   a bad access token → {errcode:88, sub_code:'40014'}; an expired one → {errcode:88, sub_code:'42001'}
 *
 * STAND-IN ONLY:
 *   POST /__test/auth-code {number}                → {code, userid} for that staff member (job_number = the 工号)
 *   POST /__test/auth-code {number, withoutJobNumber:true} → the same person, but DingTalk has no job number for them (map by mobile)
 *   POST /__test/auth-code {unknown:true}          → {code, userid}: a DingTalk user the school does not know (no job number, random mobile)
 *   GET  /__test/stats                             → {tokenRequests, tokensIssued}
 *   POST /__test/expire-tokens                     → every access token stops working (as if 2 h had passed)
 *   GET  /__test/work-notices?userid=              → {notices}: the work notices sent (newest first)
 *   POST /__test/steps {userid, statDate, stepCount} → that day's count from now on (any number, to test the server's checks)
 *   GET  /__test/userid?number=                    → {userid} a staff member has at DingTalk
 */
import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { CampusPerson } from '../campus/types';
import { demoSteps } from '../wechat/werun';
import { bodyFields, digest, directoryFrom, ExpiringStore, queryFields, randomToken, str, type DirectoryOptions } from '../cas/stand-in-kit';

export interface DingtalkStandInOptions extends DirectoryOptions {
  appKey?: string;
  appSecret?: string;
  /** the AgentId work notices must name (default 1000001) */
  agentId?: string;
  /** seconds (default 7200) */
  tokenTtlSeconds?: number;
  /** auth codes live this long (default 5 min) */
  codeTtlMs?: number;
  now?: () => number;
}

export const DINGTALK_DEMO_APP = { appKey: 'demo-dingtalk-appkey', appSecret: 'demo-dingtalk-secret' } as const;

/** the userid DingTalk has for a staff member: stable per 工号 */
export function dingtalkUseridFor(number: string): string {
  return (BigInt(`0x${digest('dingtalk-userid', number).slice(0, 15)}`) % 10n ** 17n).toString().padStart(17, '0');
}

interface DingUser {
  userid: string;
  name: string;
  unionid: string;
  mobile: string;
  jobNumber: string;
  title: string;
  person?: CampusPerson;
}

export async function dingtalkStandIn(app: FastifyInstance, options: DingtalkStandInOptions): Promise<void> {
  const directory = directoryFrom(options);
  const now = options.now ?? Date.now;
  const appKey = options.appKey ?? DINGTALK_DEMO_APP.appKey;
  const appSecret = options.appSecret ?? DINGTALK_DEMO_APP.appSecret;
  const tokenTtl = (options.tokenTtlSeconds ?? 7200) * 1000;
  const codeTtl = options.codeTtlMs ?? 5 * 60_000;
  const tokens = new Map<string, number>(); // token → expiresAt
  let current: string | undefined;
  let tokenRequests = 0;
  let tokensIssued = 0;
  const codes = new ExpiringStore<{ userid: string; deviceId: string }>(now);
  const users = new Map<string, DingUser>(); // userid → user, filled as codes are handed out
  const agentId = options.agentId ?? '1000001';
  const notices: Record<string, unknown>[] = [];
  let taskIds = 0;

  const answer = (reply: FastifyReply, errcode: number, errmsg: string, extra: Record<string, unknown> = {}) =>
    reply.code(200).send({ errcode, errmsg, ...extra, request_id: randomBytes(8).toString('hex') });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (!error.statusCode || error.statusCode >= 500) {
      request.log.error({ err: error }, 'DingTalk stand-in error');
      return answer(reply, -1, '系统繁忙');
    }
    return answer(reply, 40035, '不合法的参数');
  });

  app.get('/gettoken', { schema: { hide: true } }, async (request, reply) => {
    tokenRequests += 1;
    const query = queryFields(request);
    if (query.appkey !== appKey || query.appsecret !== appSecret) return answer(reply, 40089, '不合法的corpid或corpsecret');
    const live = current !== undefined && (tokens.get(current) ?? 0) > now();
    if (!live) {
      current = randomBytes(16).toString('hex');
      tokens.set(current, now() + tokenTtl);
      tokensIssued += 1;
    }
    return answer(reply, 0, 'ok', { access_token: current, expires_in: Math.round(((tokens.get(current!) ?? 0) - now()) / 1000) });
  });

  /** undefined when the token is good, else the reply already sent */
  function checkToken(token: string | undefined, reply: FastifyReply): FastifyReply | undefined {
    const expiresAt = token ? tokens.get(token) : undefined;
    if (expiresAt === undefined) return answer(reply, 88, '不合法的access_token', { sub_code: '40014', sub_msg: '不合法的access_token' });
    if (expiresAt <= now()) return answer(reply, 88, 'access_token超时', { sub_code: '42001', sub_msg: 'access_token超时' });
    return undefined;
  }

  app.post('/topapi/v2/user/getuserinfo', { schema: { hide: true } }, async (request, reply) => {
    const refused = checkToken(queryFields(request).access_token, reply);
    if (refused) return refused;
    const code = str(bodyFields(request).code);
    const entry = code ? codes.take(code) : undefined;
    const user = entry && !entry.expired ? users.get(entry.value.userid) : undefined;
    if (!entry || entry.expired || !user) return answer(reply, 40078, '不存在的临时授权码');
    return answer(reply, 0, 'ok', {
      result: { userid: user.userid, name: user.name, unionid: user.unionid, device_id: entry.value.deviceId, sys: false, sys_level: 0, associated_unionid: '' },
    });
  });

  app.post('/topapi/v2/user/get', { schema: { hide: true } }, async (request, reply) => {
    const refused = checkToken(queryFields(request).access_token, reply);
    if (refused) return refused;
    const userid = str(bodyFields(request).userid);
    const user = userid ? (users.get(userid) ?? knownStaffByUserid(userid)) : undefined;
    if (!user) return answer(reply, 60121, '找不到该用户');
    return answer(reply, 0, 'ok', {
      result: {
        userid: user.userid,
        unionid: user.unionid,
        name: user.name,
        mobile: user.mobile,
        state_code: '86',
        job_number: user.jobNumber,
        title: user.title,
        dept_id_list: [1],
        active: true,
        admin: false,
        boss: false,
        real_authed: true,
        hide_mobile: false,
      },
    });
  });

  app.post('/topapi/message/corpconversation/asyncsend_v2', { schema: { hide: true } }, async (request, reply) => {
    const refused = checkToken(queryFields(request).access_token, reply);
    if (refused) return refused;
    const body = request.body as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') return answer(reply, 40035, '不合法的参数');
    if (String(body.agent_id ?? '') !== agentId) return answer(reply, 33, '不合法的agent_id');
    const list = str(body.userid_list);
    const msg = body.msg as { msgtype?: unknown } | undefined;
    if (!list || !msg || typeof msg !== 'object' || typeof msg.msgtype !== 'string') return answer(reply, 40035, '不合法的参数');
    taskIds += 1;
    const taskId = 256_000_000_000 + taskIds;
    notices.unshift({ task_id: taskId, agent_id: String(body.agent_id), userid_list: list.split(','), msg, sentAt: new Date(now()).toISOString() });
    notices.length = Math.min(notices.length, 500);
    return answer(reply, 0, 'ok', { task_id: taskId });
  });

  const staffUsers = new Map<string, string>(); // userid → number, for people whose codes were never asked
  function staffUser(person: CampusPerson, withJobNumber: boolean): DingUser {
    const userid = dingtalkUseridFor(person.number);
    staffUsers.set(userid, person.number);
    return {
      userid,
      name: person.name,
      unionid: `${digest('dingtalk-unionid', person.number).slice(0, 22)}iE`,
      mobile: person.mobile,
      jobNumber: withJobNumber ? person.number : '',
      title: person.title ?? '',
      person,
    };
  }
  function knownStaffByUserid(userid: string): DingUser | undefined {
    const number = staffUsers.get(userid);
    const person = number ? directory.byNumber(number) : undefined;
    return person ? staffUser(person, true) : undefined;
  }

  const stepOverrides = new Map<string, number>(); // `${userid}:${YYYYMMDD}` → steps
  const chinaToday = () => new Date(now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  app.post('/topapi/health/stepinfo/list', { schema: { hide: true } }, async (request, reply) => {
    const refused = checkToken(queryFields(request).access_token, reply);
    if (refused) return refused;
    const body = bodyFields(request);
    const userid = str(body.object_id);
    const dates = (str(body.stat_dates) ?? '').split(',').filter(Boolean);
    if (!userid || Number(body.type) !== 0 || dates.length === 0 || dates.length > 31 || !dates.every((date) => /^\d{8}$/.test(date))) {
      return answer(reply, 40035, '不合法的参数');
    }
    const today = chinaToday();
    const list = dates
      .filter((date) => date <= today)
      .map((date) => ({ stat_date: Number(date), step_count: stepOverrides.get(`${userid}:${date}`) ?? demoSteps(userid, Number(date)) }));
    return answer(reply, 0, 'ok', { stepinfo_list: list });
  });

  // --- STAND-IN ONLY ---------------------------------------------------------------------------
  app.post('/__test/steps', { schema: { hide: true } }, async (request, reply) => {
    const body = bodyFields(request);
    const userid = str(body.userid);
    const statDate = str(body.statDate);
    if (!userid || !statDate || typeof body.stepCount !== 'number') return reply.code(400).send({ errcode: 400, errmsg: 'userid, statDate, stepCount' });
    stepOverrides.set(`${userid}:${statDate}`, body.stepCount);
    return reply.send({ ok: true });
  });

  app.get('/__test/userid', { schema: { hide: true } }, async (request, reply) => {
    const number = queryFields(request).number ?? '';
    const person = directory.byNumber(number);
    if (!person || person.kind !== 'staff') return reply.code(404).send({ errcode: 404, errmsg: 'no such staff member' });
    return reply.send({ userid: staffUser(person, true).userid });
  });

  app.post('/__test/auth-code', { schema: { hide: true } }, async (request, reply) => {
    const body = bodyFields(request);
    let user: DingUser;
    if (body.unknown === true) {
      let mobile: string;
      do mobile = `19${String(randomBytes(5).readUIntBE(0, 5) % 1_000_000_000).padStart(9, '0')}`;
      while (directory.byMobile(mobile));
      user = { userid: `ext${randomToken(9)}`, name: `钉钉用户${mobile.slice(-4)}`, unionid: randomToken(16), mobile, jobNumber: '', title: '' };
    } else {
      const number = str(body.number) ?? '';
      const person = directory.byNumber(number);
      if (!person || person.kind !== 'staff') return reply.code(404).send({ errcode: 404, errmsg: `no staff member with number ${number.slice(0, 32)}` });
      user = staffUser(person, body.withoutJobNumber !== true);
    }
    users.set(user.userid, user);
    const code = randomBytes(16).toString('hex');
    codes.set(code, { userid: user.userid, deviceId: randomBytes(16).toString('hex') }, codeTtl);
    return reply.send({ code, userid: user.userid });
  });

  app.get('/__test/stats', { schema: { hide: true } }, async (_request, reply) => reply.send({ tokenRequests, tokensIssued }));

  app.get('/__test/work-notices', { schema: { hide: true } }, async (request, reply) => {
    const userid = queryFields(request).userid;
    return reply.send({ notices: userid ? notices.filter((n) => (n.userid_list as string[]).includes(userid)) : notices });
  });

  app.post('/__test/expire-tokens', { schema: { hide: true } }, async (_request, reply) => {
    for (const token of tokens.keys()) tokens.set(token, 0);
    return reply.send({ expired: tokens.size });
  });
}
