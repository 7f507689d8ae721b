/**
 * The outside world for demos and tests: CAS, an OIDC provider, WeChat, DingTalk and an SMS
 * gateway, each speaking its real wire format, mounted on any Fastify instance:
 *
 *   registerStandIns(app, { prefix: '/mock', baseUrl: 'http://127.0.0.1:8080', students: 3000 })
 *   → /mock/cas  /mock/oidc  /mock/wechat  /mock/dingtalk  /mock/sms
 *
 * Each is an encapsulated plugin with its own form parser and error handler, so the host app's
 * JSON-only parsing and `{code,message}` error shape do not leak into the wire formats. Their
 * routes are hidden from the OpenAPI document and log at `warn` only: WeChat's and DingTalk's
 * APIs carry app secrets in the query string, which a request log line would otherwise record.
 * Never mount them in production: the `__test` endpoints let anyone log in as anyone.
 */
import type { FastifyInstance, LogLevel } from 'fastify';
import { STAND_IN_DEMO_CREDENTIALS } from '../server/src/integrations/config';
import { DEFAULT_STUDENTS } from './campus';
import { casStandIn } from './cas';
import { campusDirectory } from './cas/stand-in-kit';
import { dingtalkStandIn } from './dingtalk';
import { oidcStandIn, type OidcStandInClient } from './oidc';
import { smsStandIn } from './sms';
import { wechatStandIn } from './wechat';

export interface StandInsOptions {
  /** where they are mounted; default '/mock' */
  prefix?: string;
  /** the host's externally visible base URL, e.g. http://127.0.0.1:8080 (the OIDC issuer and CAS REST Location are built from it); a function is read per request, for a host that learns its port on listen */
  baseUrl: string | (() => string);
  /** size of the demo campus the IdPs know (default 3000, the server's default seed) */
  students?: number;
  /** the OIDC relying party; default { clientId: 'campus-demo', clientSecret: 'demo-oidc-secret' }, any localhost redirect */
  oidcClient?: OidcStandInClient;
  wechatAppId?: string;
  wechatAppSecret?: string;
  dingtalkAppKey?: string;
  dingtalkAppSecret?: string;
  smsApiKey?: string;
  /** the SMS gateway's per-number interval (default 60 s, 0 = off) and daily limit (default 10) */
  smsMinIntervalMs?: number;
  smsDailyLimit?: number;
  /** pino level for the stand-ins' own requests; default 'warn' (see above) */
  logLevel?: LogLevel;
  /** a clock for tests (milliseconds) */
  now?: () => number;
}

export interface StandInUrls {
  cas: string;
  oidc: string;
  wechat: string;
  dingtalk: string;
  sms: string;
}

export function standInUrls(baseUrl: string, prefix = '/mock'): StandInUrls {
  const base = `${baseUrl.replace(/\/+$/, '')}${prefix}`;
  return { cas: `${base}/cas`, oidc: `${base}/oidc`, wechat: `${base}/wechat`, dingtalk: `${base}/dingtalk`, sms: `${base}/sms` };
}

/** Registers the five stand-ins (they load with the app: await app.ready() or listen()). */
export function registerStandIns(app: FastifyInstance, options: StandInsOptions): void {
  const prefix = (options.prefix ?? '/mock').replace(/\/+$/, '');
  const baseUrl = options.baseUrl;
  const urls = () => standInUrls(typeof baseUrl === 'function' ? baseUrl() : baseUrl, prefix);
  const demo = STAND_IN_DEMO_CREDENTIALS;
  const directory = campusDirectory(options.students ?? DEFAULT_STUDENTS);
  const common = { directory, ...(options.now ? { now: options.now } : {}) };
  const logLevel = options.logLevel ?? 'warn';
  const at = (path: string) => ({ prefix: `${prefix}/${path}`, logLevel });

  app.register(casStandIn, { ...at('cas'), ...common, baseUrl: () => urls().cas });
  app.register(oidcStandIn, {
    ...at('oidc'),
    ...common,
    issuer: () => urls().oidc,
    client: options.oidcClient ?? { clientId: demo.oidcClientId, clientSecret: demo.oidcClientSecret },
  });
  app.register(wechatStandIn, {
    ...at('wechat'),
    ...common,
    appId: options.wechatAppId ?? demo.wechatAppId,
    appSecret: options.wechatAppSecret ?? demo.wechatAppSecret,
  });
  app.register(dingtalkStandIn, {
    ...at('dingtalk'),
    ...common,
    appKey: options.dingtalkAppKey ?? demo.dingtalkAppKey,
    appSecret: options.dingtalkAppSecret ?? demo.dingtalkAppSecret,
  });
  app.register(smsStandIn, {
    ...at('sms'),
    apiKey: options.smsApiKey ?? demo.smsApiKey,
    ...(options.smsMinIntervalMs !== undefined ? { minIntervalMs: options.smsMinIntervalMs } : {}),
    ...(options.smsDailyLimit !== undefined ? { dailyLimit: options.smsDailyLimit } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

export { casStandIn, type CasStandInOptions } from './cas';
export { oidcStandIn, oidcSubject, type OidcStandInOptions, type OidcStandInClient } from './oidc';
export { wechatStandIn, wechatOpenidFor, wechatUnionidFor, type WechatStandInOptions } from './wechat';
export { dingtalkStandIn, dingtalkUseridFor, type DingtalkStandInOptions } from './dingtalk';
export { smsStandIn, type SmsStandInOptions, type SentSms } from './sms';
