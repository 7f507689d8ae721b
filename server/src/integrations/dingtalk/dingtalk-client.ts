/**
 * DingTalk 免登 for an internal enterprise app: the app's access token (cached until shortly
 * before it expires, fetched once for all concurrent logins), `topapi/v2/user/getuserinfo`
 * for the auth code, then `topapi/v2/user/get` for the job number and mobile the school maps.
 * https://open.dingtalk.com/document/orgapp/obtain-the-userid-of-a-user-by-using-the-log-free
 */
import { createHttp, unavailable, type HttpDeps } from '../http';
import { IntegrationError } from '../integration-error';

export interface DingtalkUser {
  userid: string;
  name?: string;
  jobNumber?: string;
  mobile?: string;
  unionid?: string;
}

/** A work notice (工作通知) as an OA message: a card with a title, text and a link into the app. */
export interface WorkNotice {
  useridList: string[];
  title: string;
  content: string;
  /** where tapping the card goes (the H5 / mini-app page) */
  messageUrl: string;
}

/** One day of DingTalk 运动 steps: `statDate` is YYYYMMDD. */
export interface DingtalkStepDay {
  statDate: string;
  stepCount: number;
}

export interface DingtalkClient {
  getUserByAuthCode(authCode: string): Promise<DingtalkUser>;
  /** topapi/message/corpconversation/asyncsend_v2; resolves DingTalk's task_id */
  sendWorkNotice(notice: WorkNotice): Promise<string>;
  /**
   * A user's DingTalk steps for up to 31 days (`POST /topapi/health/stepinfo/list`, type 0).
   * https://open.dingtalk.com/document/orgapp/obtain-the-number-of-dingtalk-steps-of-a-user-or-department
   */
  getStepInfo(userid: string, statDates: string[]): Promise<DingtalkStepDay[]>;
}

export interface DingtalkClientConfig {
  apiBase: string;
  appKey: string;
  appSecret: string;
  /** the app's AgentId, needed for work notices (DINGTALK_AGENT_ID) */
  agentId?: string;
}

export interface DingtalkClientDeps extends HttpDeps {
  /** milliseconds since the epoch; tests move the clock */
  now?: () => number;
}

export const DINGTALK_CODE_REJECTED_MESSAGE = '钉钉免登授权码无效或已过期，请重试';

/** the access token is invalid or expired: fetch a new one and try once more */
const TOKEN_ERRORS = new Set([40014, 88, 42001]);
/** refresh this long before DingTalk says the token expires */
const EXPIRY_MARGIN_MS = 5 * 60_000;

interface DingtalkAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: unknown;
  expires_in?: unknown;
  result?: Record<string, unknown>;
  stepinfo_list?: unknown;
  task_id?: unknown;
}

class TokenRejected extends Error {}

export function createDingtalkClient(config: DingtalkClientConfig, deps: DingtalkClientDeps = {}): DingtalkClient {
  const http = createHttp('dingtalk', deps);
  const now = deps.now ?? Date.now;
  const base = config.apiBase.replace(/\/+$/, '');
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const query = new URLSearchParams({ appkey: config.appKey, appsecret: config.appSecret }).toString();
    const { body } = await http.json<DingtalkAnswer>(`${base}/gettoken?${query}`);
    const errcode = answerCode(body);
    // 40089 invalid appkey/appsecret and everything else: nothing the user can fix
    if (errcode !== 0) throw unavailable('dingtalk', String(errcode));
    const token = body.access_token;
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in);
    if (typeof token !== 'string' || token === '' || !Number.isFinite(expiresIn) || expiresIn <= 0) throw unavailable('dingtalk', 'malformed');
    const lifetime = expiresIn * 1000;
    cached = { token, refreshAt: now() + Math.max(lifetime - EXPIRY_MARGIN_MS, lifetime / 2) };
    return token;
  }

  /** single flight: concurrent callers share one gettoken */
  function accessToken(): Promise<string> {
    if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
    if (!inFlight) {
      inFlight = fetchToken().finally(() => {
        inFlight = undefined;
      });
    }
    return inFlight;
  }

  async function call(path: string, payload: Record<string, unknown>, token: string): Promise<DingtalkAnswer> {
    const { response, body } = await http.json<DingtalkAnswer>(`${base}${path}?${new URLSearchParams({ access_token: token }).toString()}`, {
      method: 'POST',
      body: JSON.stringify(payload),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    const errcode = answerCode(body);
    if (TOKEN_ERRORS.has(errcode)) throw new TokenRejected();
    if (errcode === 40078) throw new IntegrationError('dingtalk', 'rejected', '40078', DINGTALK_CODE_REJECTED_MESSAGE);
    if (errcode !== 0) throw unavailable('dingtalk', String(errcode));
    if (!response.ok) throw unavailable('dingtalk', `http_${response.status}`);
    return body;
  }

  /** one call with the cached token; a token DingTalk no longer accepts is refetched once */
  async function withToken(path: string, payload: Record<string, unknown>): Promise<DingtalkAnswer> {
    const token = await accessToken();
    try {
      return await call(path, payload, token);
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      if (cached?.token === token) cached = undefined;
      try {
        return await call(path, payload, await accessToken());
      } catch (retryError) {
        if (retryError instanceof TokenRejected) throw unavailable('dingtalk', 'token_rejected');
        throw retryError;
      }
    }
  }

  async function getUserByAuthCode(authCode: string): Promise<DingtalkUser> {
    if (typeof authCode !== 'string' || authCode.length === 0 || authCode.length > 256 || !/^[\x21-\x7e]+$/.test(authCode)) {
      throw new IntegrationError('dingtalk', 'rejected', '40078', DINGTALK_CODE_REJECTED_MESSAGE);
    }
    const info = resultOf(await withToken('/topapi/v2/user/getuserinfo', { code: authCode }));
    const userid = str(info.userid);
    if (!userid) throw unavailable('dingtalk', 'malformed');
    let detail: Record<string, unknown> = {};
    try {
      detail = resultOf(await withToken('/topapi/v2/user/get', { userid, language: 'zh_CN' }));
    } catch (error) {
      // 60121: not in the organisation's address book (e.g. an external contact): map by userid only
      if (!(error instanceof IntegrationError && error.upstreamCode === '60121')) throw error;
    }
    const user: DingtalkUser = { userid };
    const name = str(detail.name) ?? str(info.name);
    const jobNumber = str(detail.job_number);
    const mobile = str(detail.mobile);
    const unionid = str(detail.unionid) ?? str(info.unionid);
    if (name) user.name = name;
    if (jobNumber) user.jobNumber = jobNumber;
    if (mobile) user.mobile = mobile;
    if (unionid) user.unionid = unionid;
    return user;
  }

  async function getStepInfo(userid: string, statDates: string[]): Promise<DingtalkStepDay[]> {
    if (statDates.length === 0) return [];
    if (statDates.length > 31 || !statDates.every((date) => /^\d{8}$/.test(date))) throw new Error('stat_dates: 1..31 dates as YYYYMMDD');
    const body = await withToken('/topapi/health/stepinfo/list', { type: 0, object_id: userid, stat_dates: statDates.join(',') });
    const list = body.stepinfo_list ?? [];
    if (!Array.isArray(list)) throw unavailable('dingtalk', 'malformed');
    return list.map((entry: unknown) => {
      const { stat_date: statDate, step_count: stepCount } = (entry ?? {}) as { stat_date?: unknown; step_count?: unknown };
      const date = String(statDate ?? '');
      const count = typeof stepCount === 'number' ? stepCount : Number(stepCount);
      if (!/^\d{8}$/.test(date) || !Number.isFinite(count)) throw unavailable('dingtalk', 'malformed');
      return { statDate: date, stepCount: count };
    });
  }

  async function sendWorkNotice(notice: WorkNotice): Promise<string> {
    if (!config.agentId) throw unavailable('dingtalk', 'no_agent_id');
    const result = await withToken('/topapi/message/corpconversation/asyncsend_v2', {
      agent_id: config.agentId,
      userid_list: notice.useridList.join(','),
      msg: {
        msgtype: 'oa',
        oa: {
          message_url: notice.messageUrl,
          head: { bgcolor: 'FF1677FF', text: '智慧校园' },
          body: { title: notice.title.slice(0, 50), content: notice.content.slice(0, 500) },
        },
      },
    });
    if (result.task_id === undefined) throw unavailable('dingtalk', 'malformed');
    return String(result.task_id);
  }

  return { getUserByAuthCode, sendWorkNotice, getStepInfo };
}

function resultOf(body: DingtalkAnswer): Record<string, unknown> {
  if (!body.result || typeof body.result !== 'object') throw unavailable('dingtalk', 'malformed');
  return body.result;
}

function answerCode(body: DingtalkAnswer): number {
  if (body === null || typeof body !== 'object') return -2;
  return typeof body.errcode === 'number' ? body.errcode : body.errcode === undefined ? -2 : Number(body.errcode);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
