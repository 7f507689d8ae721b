/**
 * WeChat mini-program login: `wx.login` code → code2session → openid (+ unionid) and the
 * session_key. The session_key stays on the server (later issues decrypt WeChat Run data with
 * it): it is never put into an error, a log line or a response.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
 */
import { createHttp, unavailable, type HttpDeps } from '../http';
import { IntegrationError } from '../integration-error';

export interface WechatSession {
  openid: string;
  unionid?: string;
  /** secret: keep server-side only */
  sessionKey: string;
}

/** A subscribe message (订阅消息) for one user, with the template's keyword values. */
export interface SubscribeMessage {
  touser: string;
  /** the mini-program page the card opens, e.g. `packages/microapp/pages/detail/index?id=…` */
  page: string;
  data: Record<string, { value: string }>;
}

export interface WechatClient {
  code2session(code: string): Promise<WechatSession>;
  /** cgi-bin/message/subscribe/send; resolves WeChat's msgid */
  sendSubscribeMessage(message: SubscribeMessage): Promise<string>;
}

export interface WechatClientConfig {
  apiBase: string;
  appId: string;
  appSecret: string;
  /** the subscribe-message template for to-do notices (WECHAT_SUBSCRIBE_TEMPLATE_ID) */
  subscribeTemplateId?: string;
}

export interface WechatClientDeps extends HttpDeps {
  now?: () => number;
}

/** 43101: the user has not subscribed (or used up their one-time subscription): not worth retrying */
export const WECHAT_NOT_SUBSCRIBED = '43101';
/** access token invalid / expired: fetch a new one and try once more */
const WECHAT_TOKEN_ERRORS = new Set([40001, 42001, 40014]);

export const WECHAT_CODE_REJECTED_MESSAGE = '登录凭证无效或已过期，请重试';

/** errcodes that mean the user's code is bad: they retry wx.login */
const REJECTED: Record<number, string> = {
  40029: WECHAT_CODE_REJECTED_MESSAGE, // invalid code
  40163: WECHAT_CODE_REJECTED_MESSAGE, // code been used
  40226: '微信判定当前账号存在风险，暂时无法登录', // high-risk user blocked by WeChat
};

interface Code2SessionAnswer {
  errcode?: number;
  errmsg?: string;
  openid?: unknown;
  unionid?: unknown;
  session_key?: unknown;
}

export function createWechatClient(config: WechatClientConfig, deps: WechatClientDeps = {}): WechatClient {
  const http = createHttp('wechat', deps);
  const base = config.apiBase.replace(/\/+$/, '');
  const now = deps.now ?? Date.now;
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: config.appId, secret: config.appSecret }).toString();
    const { body } = await http.json<{ errcode?: number; access_token?: unknown; expires_in?: unknown }>(`${base}/cgi-bin/token?${query}`);
    if (body === null || typeof body !== 'object' || (body.errcode ?? 0) !== 0) throw unavailable('wechat', String(body?.errcode ?? 'malformed'));
    const expiresIn = Number(body.expires_in);
    if (typeof body.access_token !== 'string' || !(expiresIn > 0)) throw unavailable('wechat', 'malformed');
    cached = { token: body.access_token, refreshAt: now() + Math.max(expiresIn * 1000 - 5 * 60_000, (expiresIn * 1000) / 2) };
    return body.access_token;
  }

  /** single flight: concurrent sends share one token request */
  function accessToken(): Promise<string> {
    if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
    inFlight ??= fetchToken().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  async function sendOnce(message: SubscribeMessage, token: string): Promise<string | 'token'> {
    const { response, body } = await http.json<{ errcode?: number; msgid?: unknown }>(
      `${base}/cgi-bin/message/subscribe/send?${new URLSearchParams({ access_token: token }).toString()}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: message.touser,
          template_id: config.subscribeTemplateId,
          page: message.page,
          data: message.data,
          miniprogram_state: 'formal',
          lang: 'zh_CN',
        }),
      },
    );
    if (body === null || typeof body !== 'object') throw unavailable('wechat', 'malformed');
    const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
    if (WECHAT_TOKEN_ERRORS.has(errcode)) return 'token';
    if (errcode === 43101) throw new IntegrationError('wechat', 'rejected', WECHAT_NOT_SUBSCRIBED, '用户未订阅消息');
    if (errcode !== 0) throw unavailable('wechat', String(errcode));
    if (!response.ok) throw unavailable('wechat', `http_${response.status}`);
    return String(body.msgid ?? '');
  }

  async function sendSubscribeMessage(message: SubscribeMessage): Promise<string> {
    if (!config.subscribeTemplateId) throw unavailable('wechat', 'no_template');
    const token = await accessToken();
    const first = await sendOnce(message, token);
    if (first !== 'token') return first;
    if (cached?.token === token) cached = undefined;
    const second = await sendOnce(message, await accessToken());
    if (second === 'token') throw unavailable('wechat', 'token_rejected');
    return second;
  }

  async function code2session(code: string): Promise<WechatSession> {
    if (typeof code !== 'string' || code.length === 0 || code.length > 128 || !/^[\x21-\x7e]+$/.test(code)) {
      throw new IntegrationError('wechat', 'rejected', '40029', WECHAT_CODE_REJECTED_MESSAGE);
    }
    const query = new URLSearchParams({
      appid: config.appId,
      secret: config.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    const { response, body } = await http.json<Code2SessionAnswer>(`${base}/sns/jscode2session?${query}`);
    if (body === null || typeof body !== 'object') throw unavailable('wechat', 'malformed');
    const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
    if (errcode !== 0) {
      const message = REJECTED[errcode];
      if (message) throw new IntegrationError('wechat', 'rejected', String(errcode), message);
      // 40013 invalid appid, 40125 invalid appsecret, -1 busy, 45011 rate limited, anything else
      throw unavailable('wechat', String(errcode));
    }
    if (!response.ok) throw unavailable('wechat', `http_${response.status}`);
    const { openid, unionid, session_key: sessionKey } = body;
    if (typeof openid !== 'string' || openid === '' || typeof sessionKey !== 'string' || sessionKey === '') {
      throw unavailable('wechat', 'malformed');
    }
    return { openid, ...(typeof unionid === 'string' && unionid !== '' ? { unionid } : {}), sessionKey };
  }

  return { code2session, sendSubscribeMessage };
}
