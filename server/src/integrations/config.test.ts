import { createIntegrations } from '.';
import { describeIntegrationsConfig, loadIntegrationsConfig, STAND_IN_DEMO_CREDENTIALS } from './config';

const SELF = 'http://127.0.0.1:8080';
const dev = (env: NodeJS.ProcessEnv) => loadIntegrationsConfig(env, { selfBaseUrl: SELF, production: false });
const prod = (env: NodeJS.ProcessEnv) => loadIntegrationsConfig(env, { selfBaseUrl: SELF, production: true });

describe('loadIntegrationsConfig', () => {
  it('outside production mounts the stand-ins and points everything at them, CAS as the unified identity', () => {
    const { config, problems } = dev({});
    expect(problems).toEqual([]);
    expect(config).toEqual({
      unified: 'cas',
      standIns: true,
      cas: { baseUrl: `${SELF}/mock/cas` },
      oidc: { issuer: `${SELF}/mock/oidc`, clientId: 'campus-demo', clientSecret: 'demo-oidc-secret' },
      wechat: {
        apiBase: `${SELF}/mock/wechat`,
        appId: 'wx-demo-appid',
        appSecret: STAND_IN_DEMO_CREDENTIALS.wechatAppSecret,
        subscribeTemplateId: STAND_IN_DEMO_CREDENTIALS.wechatSubscribeTemplateId,
      },
      dingtalk: {
        apiBase: `${SELF}/mock/dingtalk`,
        appKey: 'demo-dingtalk-appkey',
        appSecret: STAND_IN_DEMO_CREDENTIALS.dingtalkAppSecret,
        agentId: STAND_IN_DEMO_CREDENTIALS.dingtalkAgentId,
      },
      sms: { apiBase: `${SELF}/mock/sms`, apiKey: STAND_IN_DEMO_CREDENTIALS.smsApiKey, sign: '智慧校园', template: 'SMS_LOGIN_CODE' },
    });
    expect(dev({ UNIFIED_IDP: 'oidc' }).config.unified).toBe('oidc');
    expect(loadIntegrationsConfig({}, { selfBaseUrl: `${SELF}/`, production: false }).config.cas!.baseUrl).toBe(`${SELF}/mock/cas`);
  });

  it('in production: no stand-ins, the built-in directory, nothing configured that was not asked for', () => {
    const { config, problems } = prod({});
    expect(problems).toEqual([]);
    expect(config).toEqual({ unified: 'password', standIns: false });
    expect(dev({ STAND_INS: 'off' }).config).toEqual({ unified: 'password', standIns: false });
  });

  it('reads real systems, with WeChat and DingTalk defaulting to their public API hosts', () => {
    const { config, problems } = prod({
      CAS_BASE_URL: 'https://cas.school.edu.cn/cas/',
      CAS_REST_SERVICE: 'https://campus.school.edu.cn/api/auth/cas/rest',
      WECHAT_APPID: 'wx1234567890abcdef',
      WECHAT_SECRET: 'a'.repeat(32),
      DINGTALK_APP_KEY: 'dingabc123',
      DINGTALK_APP_SECRET: 'b'.repeat(40),
      SMS_API_BASE: 'https://sms.school.edu.cn/api',
      SMS_API_KEY: 'k'.repeat(24),
      SMS_SIGN: '某某大学',
      SMS_TEMPLATE: 'SMS_123456789',
    });
    expect(problems).toEqual([]);
    expect(config).toEqual({
      unified: 'cas',
      standIns: false,
      cas: { baseUrl: 'https://cas.school.edu.cn/cas', restServiceUrl: 'https://campus.school.edu.cn/api/auth/cas/rest' },
      wechat: { apiBase: 'https://api.weixin.qq.com', appId: 'wx1234567890abcdef', appSecret: 'a'.repeat(32) },
      dingtalk: { apiBase: 'https://oapi.dingtalk.com', appKey: 'dingabc123', appSecret: 'b'.repeat(40) },
      sms: { apiBase: 'https://sms.school.edu.cn/api', apiKey: 'k'.repeat(24), sign: '某某大学', template: 'SMS_123456789' },
    });
    const oidc = prod({ OIDC_ISSUER: 'https://idp.school.edu.cn', OIDC_CLIENT_ID: 'campus' });
    expect(oidc.problems).toEqual([]);
    expect(oidc.config).toMatchObject({ unified: 'oidc', oidc: { issuer: 'https://idp.school.edu.cn', clientId: 'campus' } });
    expect(oidc.config.oidc).not.toHaveProperty('clientSecret');
    // a real IdP next to the stand-ins in development
    expect(dev({ OIDC_ISSUER: 'https://idp.school.edu.cn', OIDC_CLIENT_ID: 'campus' }).config).toMatchObject({
      unified: 'oidc',
      standIns: true,
      oidc: { issuer: 'https://idp.school.edu.cn', clientId: 'campus' },
      cas: { baseUrl: `${SELF}/mock/cas` },
    });
  });

  it.each([
    [{ STAND_INS: 'maybe' }, 'STAND_INS', false],
    [{ STAND_INS: 'on' }, 'STAND_INS', true],
    [{ UNIFIED_IDP: 'ldap' }, 'UNIFIED_IDP', false],
    [{ UNIFIED_IDP: 'cas' }, 'UNIFIED_IDP=cas', true],
    [{ UNIFIED_IDP: 'oidc' }, 'UNIFIED_IDP=oidc', true],
    [{ CAS_BASE_URL: 'cas.school.edu.cn' }, 'CAS_BASE_URL', false],
    [{ CAS_BASE_URL: 'ftp://cas.school.edu.cn' }, 'CAS_BASE_URL', false],
    [{ CAS_BASE_URL: 'http://cas.school.edu.cn/cas' }, 'CAS_BASE_URL', true],
    [{ CAS_BASE_URL: 'https://cas.school.edu.cn/cas?x=1' }, 'CAS_BASE_URL', false],
    [{ CAS_REST_SERVICE: 'not a url' }, 'CAS_REST_SERVICE', false],
    [{ CAS_BASE_URL: 'https://cas.example', OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'c' }, 'UNIFIED_IDP', false],
    [{ OIDC_ISSUER: 'https://idp.example' }, 'OIDC_CLIENT_ID', false],
    [{ OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'has space' }, 'OIDC_CLIENT_ID', false],
    [{ OIDC_CLIENT_SECRET: 'x y' }, 'OIDC_CLIENT_SECRET', false],
    [{ WECHAT_APPID: 'wx1234567890abcdef' }, 'WECHAT_SECRET', false],
    [{ WECHAT_SECRET: 'abcdefgh' }, 'WECHAT_APPID', false],
    [{ WECHAT_APPID: 'notwx', WECHAT_SECRET: 'abcdefgh' }, 'WECHAT_APPID', false],
    [{ WECHAT_API_BASE: 'api.weixin.qq.com' }, 'WECHAT_API_BASE', false],
    [{ DINGTALK_APP_KEY: 'dingabc' }, 'DINGTALK_APP_SECRET', false],
    [{ DINGTALK_APP_KEY: 'ding abc', DINGTALK_APP_SECRET: 'abcdefgh' }, 'DINGTALK_APP_KEY', false],
    [{ DINGTALK_API_BASE: '://' }, 'DINGTALK_API_BASE', false],
    [{ SMS_API_BASE: 'https://sms.example' }, 'SMS_API_KEY', true],
    [{ SMS_API_KEY: 'abcdefgh' }, 'SMS_API_BASE', true],
    [{ SMS_SIGN: '这是一个远远超过十二个字的短信签名啊啊' }, 'SMS_SIGN', false],
    [{ SMS_TEMPLATE: 'SMS 1' }, 'SMS_TEMPLATE', false],
  ] as [NodeJS.ProcessEnv, string, boolean][])('%j → one problem naming %s (production: %s)', (env, name, inProduction) => {
    // (every row has three columns: with fewer, jest would take the third parameter for `done`)
    const { problems } = (inProduction ? prod : dev)(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
    expect(problems[0]).toMatch(/[\u4e00-\u9fa5]/); // Chinese…
    expect(problems[0]).toMatch(/ \/ [a-zA-Z]/); // …and English
  });

  it('collects every problem at once and never echoes a secret or a URL password', () => {
    const { problems } = prod({
      STAND_INS: 'yes',
      CAS_BASE_URL: 'https://user:hunter2-password@cas.example/cas?x',
      WECHAT_APPID: 'bad',
      WECHAT_SECRET: 'secret with spaces-hunter3',
      DINGTALK_APP_SECRET: 'z',
    });
    expect(problems.length).toBeGreaterThanOrEqual(4);
    const all = problems.join('\n');
    expect(all).not.toContain('hunter2-password');
    expect(all).not.toContain('hunter3');
  });

  it('describeIntegrationsConfig shows ids and URLs, no secret', () => {
    const described = JSON.stringify(describeIntegrationsConfig(dev({}).config));
    expect(described).toContain('wx-demo-appid');
    for (const secret of [STAND_IN_DEMO_CREDENTIALS.oidcClientSecret, STAND_IN_DEMO_CREDENTIALS.wechatAppSecret, STAND_IN_DEMO_CREDENTIALS.dingtalkAppSecret, STAND_IN_DEMO_CREDENTIALS.smsApiKey]) {
      expect(described).not.toContain(secret);
    }
  });
});

describe('createIntegrations', () => {
  it('builds a client for each configured system only', () => {
    expect(Object.keys(createIntegrations(dev({}).config)).sort()).toEqual(['cas', 'dingtalk', 'oidc', 'sms', 'wechat']);
    expect(createIntegrations(prod({}).config)).toEqual({});
    const some = createIntegrations(prod({ WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: 'abcdefgh' }).config);
    expect(Object.keys(some)).toEqual(['wechat']);
    expect(typeof some.wechat!.code2session).toBe('function');
  });
});
