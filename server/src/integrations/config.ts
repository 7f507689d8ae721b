/**
 * Where the outside systems live (CAS or OIDC, WeChat, DingTalk, the SMS gateway): environment
 * variables only, validated once at start like server/src/config.ts — one problem line per bad
 * value, naming the variable, in Chinese and English. Secrets are never echoed in a problem.
 *
 * With stand-ins on (the default outside production) every unset base URL points at the
 * stand-ins mounted under `${selfBaseUrl}/mock/<system>`, with the demo credentials below, so
 * `npm start` on a fresh machine can log in through every path.
 */

export type UnifiedIdp = 'cas' | 'oidc' | 'password';

export interface IntegrationsConfig {
  unified: UnifiedIdp;
  /** CAS_BASE_URL, e.g. https://cas.school.edu.cn/cas (no trailing slash) */
  cas?: { baseUrl: string; /** CAS_REST_SERVICE: the service the REST password check asks a ticket for (must be registered at the CAS) */ restServiceUrl?: string };
  /** OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET */
  oidc?: { issuer: string; clientId: string; clientSecret?: string };
  /** WECHAT_API_BASE (default https://api.weixin.qq.com), WECHAT_APPID, WECHAT_SECRET */
  wechat?: { apiBase: string; appId: string; appSecret: string; /** WECHAT_SUBSCRIBE_TEMPLATE_ID: to-do notices */ subscribeTemplateId?: string };
  /** DINGTALK_API_BASE (default https://oapi.dingtalk.com), DINGTALK_APP_KEY, DINGTALK_APP_SECRET */
  dingtalk?: { apiBase: string; appKey: string; appSecret: string; /** DINGTALK_AGENT_ID: work notices */ agentId?: string };
  /** SMS_API_BASE, SMS_API_KEY, SMS_SIGN, SMS_TEMPLATE */
  sms?: { apiBase: string; apiKey: string; sign: string; template: string };
  /** STAND_INS=on|off: mount mocks/ stand-ins under /mock and default every base URL to them */
  standIns: boolean;
}

/** Where the stand-ins are mounted on the campus server. */
export const STAND_IN_PREFIX = '/mock';

/**
 * The credentials the stand-ins accept by default and the config falls back to when stand-ins
 * are on. Demo values only: they mean nothing outside the stand-ins.
 */
export const STAND_IN_DEMO_CREDENTIALS = {
  oidcClientId: 'campus-demo',
  oidcClientSecret: 'demo-oidc-secret',
  wechatAppId: 'wx-demo-appid',
  wechatAppSecret: 'demo-wechat-secret',
  dingtalkAppKey: 'demo-dingtalk-appkey',
  dingtalkAppSecret: 'demo-dingtalk-secret',
  smsApiKey: 'demo-sms-apikey',
  smsSign: '智慧校园',
  smsTemplate: 'SMS_LOGIN_CODE',
  wechatSubscribeTemplateId: 'demo-todo-template',
  dingtalkAgentId: '1000001',
} as const;

export const WECHAT_DEFAULT_API_BASE = 'https://api.weixin.qq.com';
export const DINGTALK_DEFAULT_API_BASE = 'https://oapi.dingtalk.com';

export interface LoadIntegrationsOptions {
  /** the campus server's own base URL as it reaches itself, e.g. http://127.0.0.1:8080 */
  selfBaseUrl: string;
  production: boolean;
}

export function loadIntegrationsConfig(
  env: NodeJS.ProcessEnv,
  opts: LoadIntegrationsOptions,
): { config: IntegrationsConfig; problems: string[] } {
  const problems: string[] = [];
  const self = opts.selfBaseUrl.replace(/\/+$/, '');
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  // --- STAND_INS --------------------------------------------------------------------------
  let standIns = !opts.production;
  const standInsRaw = read('STAND_INS');
  if (standInsRaw !== undefined) {
    const normalized = standInsRaw.toLowerCase();
    if (['on', 'true', '1'].includes(normalized)) standIns = true;
    else if (['off', 'false', '0'].includes(normalized)) standIns = false;
    else problems.push(`STAND_INS 必须是 on 或 off / must be on or off (got "${standInsRaw}")`);
  }
  if (standIns && opts.production) {
    problems.push(
      'STAND_INS=on 不能用于生产环境：替身系统允许任何人以任何身份登录 / stand-ins must not run with NODE_ENV=production (they let anyone log in as anyone)',
    );
    standIns = false;
  }
  const standInUrl = (system: string) => `${self}${STAND_IN_PREFIX}/${system}`;
  const demo = STAND_IN_DEMO_CREDENTIALS;

  /** an http(s) URL without trailing slash; https required in production */
  const url = (name: string): string | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      problems.push(`${name} 必须是 http:// 或 https:// 开头的网址 / must be an http(s) URL (got "${redactForProblem(raw)}")`);
      return undefined;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      problems.push(`${name} 必须是 http:// 或 https:// 开头的网址 / must be an http(s) URL (got a "${parsed.protocol}" URL)`);
      return undefined;
    }
    if (parsed.username || parsed.password || parsed.search || parsed.hash) {
      problems.push(`${name} 不能包含用户名、密码、查询参数或 # / must not carry credentials, a query or a fragment`);
      return undefined;
    }
    if (opts.production && parsed.protocol !== 'https:') {
      problems.push(`${name} 在生产环境必须使用 https:// / must use https in production (got "${redactForProblem(raw)}")`);
      return undefined;
    }
    return raw.replace(/\/+$/, '');
  };
  /** a credential-like value: no whitespace; the value itself is never echoed */
  const token = (name: string, pattern: RegExp, expected: [zh: string, en: string]): string | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    if (!pattern.test(raw)) {
      problems.push(`${name} 格式不正确，应为${expected[0]} / is malformed, expected ${expected[1]}`);
      return undefined;
    }
    return raw;
  };
  const SECRET = /^\S{4,512}$/;
  const SECRET_DESC: [string, string] = ['4-512 个非空白字符', '4-512 non-space characters'];
  /** both or neither of a pair of variables */
  const pair = (a: string, aValue: string | undefined, b: string, bValue: string | undefined): boolean => {
    if ((aValue === undefined) === (bValue === undefined)) return aValue !== undefined;
    const missing = aValue === undefined ? a : b;
    const present = aValue === undefined ? b : a;
    if (read(missing) === undefined) problems.push(`设置了 ${present} 就必须同时设置 ${missing} / ${missing} is required when ${present} is set`);
    return false;
  };

  // --- CAS ---------------------------------------------------------------------------------
  const casUrl = url('CAS_BASE_URL');
  const casSet = read('CAS_BASE_URL') !== undefined;
  const cas: IntegrationsConfig['cas'] = casUrl ? { baseUrl: casUrl } : standIns && !casSet ? { baseUrl: standInUrl('cas') } : undefined;
  const restServiceRaw = read('CAS_REST_SERVICE');
  if (restServiceRaw !== undefined) {
    if (!/^(https?:\/\/|urn:)\S{1,500}$/.test(restServiceRaw)) {
      problems.push(`CAS_REST_SERVICE 必须是网址或 urn: / must be a URL or a urn: (got "${redactForProblem(restServiceRaw)}")`);
    } else if (cas) cas.restServiceUrl = restServiceRaw;
  }

  // --- OIDC --------------------------------------------------------------------------------
  const issuerSet = read('OIDC_ISSUER') !== undefined;
  const issuer = url('OIDC_ISSUER');
  const clientId = token('OIDC_CLIENT_ID', /^[\w.:@/-]{1,256}$/, ['1-256 个字母、数字或 ._:@/-', '1-256 letters, digits or ._:@/-']);
  const clientSecret = token('OIDC_CLIENT_SECRET', SECRET, SECRET_DESC);
  let oidc: IntegrationsConfig['oidc'];
  if (issuer) {
    if (clientId) oidc = { issuer, clientId, ...(clientSecret ? { clientSecret } : {}) };
    else if (read('OIDC_CLIENT_ID') === undefined) problems.push('设置了 OIDC_ISSUER 就必须设置 OIDC_CLIENT_ID / OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
  } else if (standIns && !issuerSet) {
    oidc = {
      issuer: standInUrl('oidc'),
      clientId: clientId ?? demo.oidcClientId,
      clientSecret: clientSecret ?? (clientId ? undefined : demo.oidcClientSecret),
    };
    if (oidc.clientSecret === undefined) delete oidc.clientSecret;
  }

  // --- which unified identity --------------------------------------------------------------
  let unified: UnifiedIdp;
  const unifiedRaw = read('UNIFIED_IDP');
  if (unifiedRaw !== undefined) {
    if (unifiedRaw === 'cas' || unifiedRaw === 'oidc' || unifiedRaw === 'password') unified = unifiedRaw;
    else {
      problems.push(`UNIFIED_IDP 必须是 cas | oidc | password 之一 / must be one of them (got "${unifiedRaw}")`);
      unified = 'password';
    }
  } else if (casSet && issuerSet) {
    problems.push('同时设置了 CAS_BASE_URL 和 OIDC_ISSUER，请用 UNIFIED_IDP=cas|oidc 指定使用哪一个 / both are set: choose one with UNIFIED_IDP');
    unified = 'password';
  } else if (casSet) unified = 'cas';
  else if (issuerSet) unified = 'oidc';
  else unified = standIns ? 'cas' : 'password';
  if (unified === 'cas' && !cas && !casSet) {
    problems.push('UNIFIED_IDP=cas 需要设置 CAS_BASE_URL（或开启 STAND_INS） / CAS_BASE_URL is required for UNIFIED_IDP=cas');
  }
  if (unified === 'oidc' && !oidc && !issuerSet) {
    problems.push('UNIFIED_IDP=oidc 需要设置 OIDC_ISSUER 和 OIDC_CLIENT_ID（或开启 STAND_INS） / OIDC_ISSUER is required for UNIFIED_IDP=oidc');
  }

  // --- WeChat ------------------------------------------------------------------------------
  const wechatBase = url('WECHAT_API_BASE');
  const appId = token('WECHAT_APPID', /^wx[\w-]{2,62}$/, [' wx 开头的 appid', 'an appid starting with "wx"']);
  const appSecret = token('WECHAT_SECRET', SECRET, SECRET_DESC);
  let wechat: IntegrationsConfig['wechat'];
  if (pair('WECHAT_APPID', appId, 'WECHAT_SECRET', appSecret)) {
    wechat = { apiBase: wechatBase ?? WECHAT_DEFAULT_API_BASE, appId: appId!, appSecret: appSecret! };
  } else if (standIns && read('WECHAT_APPID') === undefined && read('WECHAT_SECRET') === undefined) {
    wechat = { apiBase: wechatBase ?? standInUrl('wechat'), appId: demo.wechatAppId, appSecret: demo.wechatAppSecret };
  }
  const templateId = read('WECHAT_SUBSCRIBE_TEMPLATE_ID') ?? (standIns ? demo.wechatSubscribeTemplateId : undefined);
  if (wechat && templateId) wechat.subscribeTemplateId = templateId;

  // --- DingTalk ----------------------------------------------------------------------------
  const dingtalkBase = url('DINGTALK_API_BASE');
  const appKey = token('DINGTALK_APP_KEY', /^[\w-]{2,128}$/, ['字母、数字、_ 或 -', 'letters, digits, _ or -']);
  const dingSecret = token('DINGTALK_APP_SECRET', SECRET, SECRET_DESC);
  let dingtalk: IntegrationsConfig['dingtalk'];
  if (pair('DINGTALK_APP_KEY', appKey, 'DINGTALK_APP_SECRET', dingSecret)) {
    dingtalk = { apiBase: dingtalkBase ?? DINGTALK_DEFAULT_API_BASE, appKey: appKey!, appSecret: dingSecret! };
  } else if (standIns && read('DINGTALK_APP_KEY') === undefined && read('DINGTALK_APP_SECRET') === undefined) {
    dingtalk = { apiBase: dingtalkBase ?? standInUrl('dingtalk'), appKey: demo.dingtalkAppKey, appSecret: demo.dingtalkAppSecret };
  }
  const agentId = read('DINGTALK_AGENT_ID') ?? (standIns ? demo.dingtalkAgentId : undefined);
  if (dingtalk && agentId) dingtalk.agentId = agentId;

  // --- SMS ---------------------------------------------------------------------------------
  const smsBase = url('SMS_API_BASE');
  const smsKey = token('SMS_API_KEY', SECRET, SECRET_DESC);
  const sign = token('SMS_SIGN', /^[^\s]{2,12}$/u, [' 2-12 个字的短信签名', 'a 2-12 character SMS signature']);
  const template = token('SMS_TEMPLATE', /^[\w-]{1,64}$/, ['模板编号，如 SMS_123456789', 'a template code like SMS_123456789']);
  let sms: IntegrationsConfig['sms'];
  const smsBaseSet = read('SMS_API_BASE') !== undefined;
  const smsKeySet = read('SMS_API_KEY') !== undefined;
  if (smsBase && smsKey) {
    sms = { apiBase: smsBase, apiKey: smsKey, sign: sign ?? demo.smsSign, template: template ?? demo.smsTemplate };
  } else if (smsBaseSet !== smsKeySet && !(standIns && !smsBaseSet)) {
    const missing = smsBaseSet ? 'SMS_API_KEY' : 'SMS_API_BASE';
    const present = smsBaseSet ? 'SMS_API_BASE' : 'SMS_API_KEY';
    if (read(missing) === undefined) problems.push(`设置了 ${present} 就必须同时设置 ${missing} / ${missing} is required when ${present} is set`);
  } else if (standIns && !smsBaseSet) {
    sms = { apiBase: standInUrl('sms'), apiKey: smsKey ?? demo.smsApiKey, sign: sign ?? demo.smsSign, template: template ?? demo.smsTemplate };
  }

  const config: IntegrationsConfig = { unified, standIns };
  if (cas) config.cas = cas;
  if (oidc) config.oidc = oidc;
  if (wechat) config.wechat = wechat;
  if (dingtalk) config.dingtalk = dingtalk;
  if (sms) config.sms = sms;
  return { config, problems };
}

/** A summary fit for the start-up log: base URLs and ids, never a secret. */
export function describeIntegrationsConfig(config: IntegrationsConfig): Record<string, unknown> {
  return {
    unified: config.unified,
    standIns: config.standIns,
    cas: config.cas ? { baseUrl: config.cas.baseUrl } : undefined,
    oidc: config.oidc ? { issuer: config.oidc.issuer, clientId: config.oidc.clientId, clientSecret: config.oidc.clientSecret ? '***' : undefined } : undefined,
    wechat: config.wechat ? { apiBase: config.wechat.apiBase, appId: config.wechat.appId } : undefined,
    dingtalk: config.dingtalk ? { apiBase: config.dingtalk.apiBase, appKey: config.dingtalk.appKey } : undefined,
    sms: config.sms ? { apiBase: config.sms.apiBase, sign: config.sms.sign, template: config.sms.template } : undefined,
  };
}

/** a URL-ish value with anything after the host cut off and no userinfo: problems go to the console */
function redactForProblem(raw: string): string {
  const cut = raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1***@');
  return cut.length > 80 ? `${cut.slice(0, 80)}…` : cut;
}
