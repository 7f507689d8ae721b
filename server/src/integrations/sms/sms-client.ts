/**
 * The SMS gateway: one JSON call per verification code, in the style of Aliyun Dysms
 * (`{Code:'OK', BizId, RequestId}` or `{Code:'isv.…'}`), authenticated with a bearer API key.
 */
import { createHttp, unavailable, type HttpDeps } from '../http';
import { IntegrationError } from '../integration-error';

export interface SmsClient {
  sendCode(mobile: string, code: string): Promise<void>;
}

export interface SmsClientConfig {
  apiBase: string;
  apiKey: string;
  sign: string;
  template: string;
}

const REJECTED: Record<string, string> = {
  'isv.MOBILE_NUMBER_ILLEGAL': '手机号格式不正确',
  'isv.BUSINESS_LIMIT_CONTROL': '短信发送过于频繁，请稍后再试',
  'isv.DAY_LIMIT_CONTROL': '今日短信发送次数已达上限，请明天再试',
  'isv.BLACK_KEY_CONTROL_LIMIT': '该手机号暂时无法接收短信',
};

export function createSmsClient(config: SmsClientConfig, deps: HttpDeps = {}): SmsClient {
  const http = createHttp('sms', deps);
  const base = config.apiBase.replace(/\/+$/, '');

  async function sendCode(mobile: string, code: string): Promise<void> {
    if (!/^1\d{10}$/.test(mobile)) throw new IntegrationError('sms', 'rejected', 'isv.MOBILE_NUMBER_ILLEGAL', REJECTED['isv.MOBILE_NUMBER_ILLEGAL']!);
    if (!/^\d{4,8}$/.test(code)) throw new TypeError('sendCode: the code must be 4-8 digits');
    const { response, body } = await http.json<{ Code?: unknown }>(`${base}/send`, {
      method: 'POST',
      body: JSON.stringify({ phone: mobile, sign: config.sign, template: config.template, params: { code } }),
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${config.apiKey}` },
    });
    const answer = body !== null && typeof body === 'object' && typeof body.Code === 'string' ? body.Code : undefined;
    if (answer === 'OK' && response.ok) return;
    if (answer && REJECTED[answer]) throw new IntegrationError('sms', 'rejected', answer, REJECTED[answer]);
    // bad API key, unknown sign/template, gateway trouble: nothing the user can fix
    throw unavailable('sms', answer && /^[\w.]{1,64}$/.test(answer) ? answer : `http_${response.status}`);
  }

  return { sendCode };
}
