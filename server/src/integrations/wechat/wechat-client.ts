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

export interface WechatClient {
  code2session(code: string): Promise<WechatSession>;
}

export interface WechatClientConfig {
  apiBase: string;
  appId: string;
  appSecret: string;
}

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

export function createWechatClient(config: WechatClientConfig, deps: HttpDeps = {}): WechatClient {
  const http = createHttp('wechat', deps);
  const base = config.apiBase.replace(/\/+$/, '');

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

  return { code2session };
}
