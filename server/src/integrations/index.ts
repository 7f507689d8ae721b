/**
 * The campus server's clients for the outside world, built from IntegrationsConfig. Only the
 * systems that are configured are present.
 */
import { createCasClient, type CasClient } from './cas/cas-client';
import type { IntegrationsConfig } from './config';
import { createDingtalkClient, type DingtalkClient } from './dingtalk/dingtalk-client';
import type { HttpDeps } from './http';
import { createOidcClient, type OidcClient } from './oidc/oidc-client';
import { createSmsClient, type SmsClient } from './sms/sms-client';
import { createWechatClient, type WechatClient } from './wechat/wechat-client';

export interface Integrations {
  cas?: CasClient;
  oidc?: OidcClient;
  wechat?: WechatClient;
  dingtalk?: DingtalkClient;
  sms?: SmsClient;
}

export interface IntegrationsDeps extends HttpDeps {
  /** milliseconds since the epoch (DingTalk's token cache) */
  now?: () => number;
}

export function createIntegrations(config: IntegrationsConfig, deps: IntegrationsDeps = {}): Integrations {
  const http: HttpDeps = { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) };
  const integrations: Integrations = {};
  if (config.cas) integrations.cas = createCasClient(config.cas, http);
  if (config.oidc) integrations.oidc = createOidcClient(config.oidc, http);
  if (config.wechat) integrations.wechat = createWechatClient(config.wechat, http);
  if (config.dingtalk) integrations.dingtalk = createDingtalkClient(config.dingtalk, { ...http, ...(deps.now ? { now: deps.now } : {}) });
  if (config.sms) integrations.sms = createSmsClient(config.sms, http);
  return integrations;
}

export { IntegrationError, isIntegrationError, type IntegrationErrorKind, type IntegrationSystem } from './integration-error';
export {
  loadIntegrationsConfig,
  describeIntegrationsConfig,
  STAND_IN_PREFIX,
  STAND_IN_DEMO_CREDENTIALS,
  type IntegrationsConfig,
  type UnifiedIdp,
} from './config';
export { createCasClient, type CasClient, type CasPrincipal } from './cas/cas-client';
export { createOidcClient, createPkcePair, type OidcClient, type OidcPrincipal } from './oidc/oidc-client';
export { createWechatClient, type WechatClient, type WechatSession } from './wechat/wechat-client';
export { createDingtalkClient, type DingtalkClient, type DingtalkUser } from './dingtalk/dingtalk-client';
export { createSmsClient, type SmsClient } from './sms/sms-client';
