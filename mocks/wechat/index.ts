/**
 * Stand-in for the WeChat mini-program server API: code2session with WeChat's errcodes, the
 * app access token, and subscribe messages (later issues). Login codes come from a stand-in-only
 * endpoint the demo and tests call in place of `wx.login`.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
 *
 *   GET  /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code
 *        → {openid, session_key, unionid} | {errcode: 40029|40163|40013|40125|41008|40002, errmsg}
 *   GET  /cgi-bin/token?grant_type=client_credential&appid&secret → {access_token, expires_in: 7200}
 *   POST /cgi-bin/message/subscribe/send?access_token= {touser, template_id, data, page?} → {errcode:0, errmsg:'ok', msgid}
 *
 * STAND-IN ONLY (no such thing at WeChat):
 *   POST /__test/login-code {number}         → {code, openid}: a code for that person's deterministic openid
 *   POST /__test/login-code {} | {unknown:true} → {code}: a code for a fresh openid nobody has bound
 *        (any unregistered code of the form "wx-code-<anything>" works like that too)
 *   GET  /__test/openid?number=              → {openid, unionid}
 *   GET  /__test/subscribe-messages?touser=  → {messages}
 *   POST /__test/werun-data {openid, steps?: {[daysAgo]: step}} → {encryptedData, iv}: what wx.getWeRunData gives
 *        that user now — the last 31 days encrypted with the session_key issued at their latest login
 */
import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import {
  bodyFields,
  digest,
  directoryFrom,
  ExpiringStore,
  queryFields,
  randomToken,
  RecentSet,
  str,
  type DirectoryOptions,
} from '../cas/stand-in-kit';
import { demoSteps, encryptWeRunData, weRunDays } from './werun';

export interface WechatStandInOptions extends DirectoryOptions {
  appId?: string;
  appSecret?: string;
  /** login codes live this long (default 5 min) */
  codeTtlMs?: number;
  now?: () => number;
}

export const WECHAT_DEMO_APP = { appId: 'wx-demo-appid', appSecret: 'demo-wechat-secret' } as const;

/** the openid WeChat gives this person in this mini-program: stable per (appid, number) */
export function wechatOpenidFor(appId: string, number: string): string {
  return `o${Buffer.from(digest('wechat-openid', appId, number), 'hex').toString('base64url').slice(0, 27)}`;
}

/** unionid is per open-platform account, the same across the school's apps */
export function wechatUnionidFor(number: string): string {
  return `u${Buffer.from(digest('wechat-unionid', number), 'hex').toString('base64url').slice(0, 27)}`;
}

interface LoginCode {
  openid: string;
  unionid: string;
}

const rid = () => randomBytes(6).toString('hex');

export async function wechatStandIn(app: FastifyInstance, options: WechatStandInOptions): Promise<void> {
  const directory = directoryFrom(options);
  const now = options.now ?? Date.now;
  const appId = options.appId ?? WECHAT_DEMO_APP.appId;
  const appSecret = options.appSecret ?? WECHAT_DEMO_APP.appSecret;
  const codeTtl = options.codeTtlMs ?? 5 * 60_000;
  const codes = new ExpiringStore<LoginCode>(now);
  const usedCodes = new RecentSet();
  const accessTokens = new ExpiringStore<true>(now);
  let currentToken: string | undefined;
  const messages: Record<string, unknown>[] = [];
  const sessionKeys = new Map<string, string>(); // openid → the latest session_key

  // WeChat answers errors as HTTP 200 with an errcode
  const fail = (reply: FastifyReply, errcode: number, errmsg: string) => reply.code(200).send({ errcode, errmsg: `${errmsg}, rid: ${rid()}` });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (!error.statusCode || error.statusCode >= 500) request.log.error({ err: error }, 'WeChat stand-in error');
    return fail(reply, -1, 'system error');
  });

  app.get('/sns/jscode2session', { schema: { hide: true } }, async (request, reply) => {
    const query = queryFields(request);
    if (query.appid !== appId) return fail(reply, 40013, 'invalid appid');
    if (query.secret !== appSecret) return fail(reply, 40125, 'invalid appsecret');
    if (query.grant_type !== 'authorization_code') return fail(reply, 40002, 'invalid grant_type');
    const code = query.js_code;
    if (!code) return fail(reply, 41008, 'missing code');
    if (usedCodes.has(code)) return fail(reply, 40163, 'code been used');
    const entry = codes.take(code);
    let login: LoginCode;
    if (entry && !entry.expired) login = entry.value;
    else if (!entry && code.startsWith('wx-code-')) login = { openid: `o${randomToken(20)}`, unionid: `u${randomToken(20)}` };
    else return fail(reply, 40029, 'invalid code');
    usedCodes.add(code);
    const sessionKey = randomBytes(16).toString('base64');
    sessionKeys.set(login.openid, sessionKey);
    // WeChat really does send this JSON as text/plain
    return reply.type('text/plain').send(JSON.stringify({ session_key: sessionKey, openid: login.openid, unionid: login.unionid }));
  });

  app.get('/cgi-bin/token', { schema: { hide: true } }, async (request, reply) => {
    const query = queryFields(request);
    if (query.grant_type !== 'client_credential') return fail(reply, 40002, 'invalid grant_type');
    if (query.appid !== appId) return fail(reply, 40013, 'invalid appid');
    if (query.secret !== appSecret) return fail(reply, 40125, 'invalid appsecret');
    // a new token invalidates the previous one (after WeChat's 5-minute overlap, ignored here)
    if (currentToken) accessTokens.delete(currentToken);
    currentToken = randomToken(48);
    accessTokens.set(currentToken, true, 7200 * 1000);
    return reply.send({ access_token: currentToken, expires_in: 7200 });
  });

  app.post('/cgi-bin/message/subscribe/send', { schema: { hide: true } }, async (request, reply) => {
    const token = queryFields(request).access_token;
    if (!token || !accessTokens.get(token)) return fail(reply, 40001, 'invalid credential, access_token is invalid or not latest');
    const body = bodyFields(request);
    if (!str(body.touser)) return fail(reply, 40003, 'invalid openid');
    if (!str(body.template_id)) return fail(reply, 40037, 'invalid template_id');
    const msgid = Number(String(now()).slice(-9)) * 1000 + messages.length;
    messages.unshift({ ...body, msgid, sentAt: new Date(now()).toISOString() });
    messages.length = Math.min(messages.length, 500);
    return reply.send({ errcode: 0, errmsg: 'ok', msgid });
  });

  // --- STAND-IN ONLY ---------------------------------------------------------------------------
  app.post('/__test/login-code', { schema: { hide: true } }, async (request, reply) => {
    const body = bodyFields(request);
    const number = str(body.number);
    const code = randomToken(24);
    if (number === undefined || body.unknown === true) {
      codes.set(code, { openid: `o${randomToken(20)}`, unionid: `u${randomToken(20)}` }, codeTtl);
      return reply.send({ code });
    }
    const person = directory.byNumber(number);
    if (!person) return reply.code(404).send({ errcode: 404, errmsg: `no person with number ${number.slice(0, 32)}` });
    const openid = wechatOpenidFor(appId, person.number);
    codes.set(code, { openid, unionid: wechatUnionidFor(person.number) }, codeTtl);
    return reply.send({ code, openid });
  });

  app.get('/__test/openid', { schema: { hide: true } }, async (request, reply) => {
    const number = queryFields(request).number ?? '';
    if (!directory.byNumber(number)) return reply.code(404).send({ errcode: 404, errmsg: 'no such person' });
    return reply.send({ openid: wechatOpenidFor(appId, number), unionid: wechatUnionidFor(number) });
  });

  app.post('/__test/werun-data', { schema: { hide: true } }, async (request, reply) => {
    const body = bodyFields(request);
    const openid = str(body.openid) ?? '';
    const sessionKey = sessionKeys.get(openid);
    if (!sessionKey) return reply.code(404).send({ errcode: 404, errmsg: 'no session for that openid: log in first' });
    const overrides = (body.steps && typeof body.steps === 'object' ? body.steps : {}) as Record<string, unknown>;
    const stepInfoList = weRunDays(now(), (daysAgo) => {
      const override = overrides[String(daysAgo)];
      return typeof override === 'number' ? override : demoSteps(openid, Math.floor(now() / 86_400_000) - daysAgo);
    });
    return reply.send(encryptWeRunData(sessionKey, { appId, stepInfoList, watermarkMs: now() }));
  });

  app.get('/__test/subscribe-messages', { schema: { hide: true } }, async (request, reply) => {
    const touser = queryFields(request).touser;
    return reply.send({ messages: touser ? messages.filter((message) => message.touser === touser) : messages });
  });
}
