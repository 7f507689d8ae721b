/**
 * Stand-in for the SMS gateway: an Aliyun-Dysms-style API simplified to JSON. It "delivers"
 * into an outbox the demo and the e2e tests read (there is no phone).
 *
 *   POST /send  Authorization: Bearer <apiKey>  {phone, sign, template, params:{code}}
 *        → {Code:'OK', Message:'OK', BizId, RequestId}
 *        | {Code:'isv.MOBILE_NUMBER_ILLEGAL' | 'isv.BUSINESS_LIMIT_CONTROL' | 'isv.DAY_LIMIT_CONTROL' | 'isv.SMS_SIGNATURE_ILLEGAL' | 'isv.SMS_TEMPLATE_ILLEGAL' | 'isv.TEMPLATE_MISSING_PARAMETERS', Message, RequestId}
 *        | 401 {Code:'InvalidAccessKeyId.NotFound'}
 *   Limits, per number: one message per minInterval (default 60 s), dailyLimit (default 10) a day.
 *
 * STAND-IN ONLY:
 *   GET /__test/outbox?phone= → {messages: [{phone, sign, template, params, content, bizId, sentAt}]}, newest first
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { bodyFields, queryFields, str } from '../cas/stand-in-kit';

export interface SmsStandInOptions {
  apiKey?: string;
  /** per number; default 60 000 (Aliyun's one per minute), 0 turns it off */
  minIntervalMs?: number;
  /** per number per day; default 10 */
  dailyLimit?: number;
  now?: () => number;
}

export const SMS_DEMO_API_KEY = 'demo-sms-apikey';

export interface SentSms {
  phone: string;
  sign: string;
  template: string;
  params: Record<string, string>;
  content: string;
  bizId: string;
  sentAt: string;
}

const OUTBOX_SIZE = 500;

export function renderSms(sign: string, template: string, params: Record<string, string>): string {
  if (params.code !== undefined) return `【${sign}】您的验证码为 ${params.code}，5 分钟内有效，请勿泄露给他人。`;
  return `【${sign}】${template} ${JSON.stringify(params)}`;
}

export async function smsStandIn(app: FastifyInstance, options: SmsStandInOptions): Promise<void> {
  const apiKey = options.apiKey ?? SMS_DEMO_API_KEY;
  const now = options.now ?? Date.now;
  const minInterval = options.minIntervalMs ?? 60_000;
  const dailyLimit = options.dailyLimit ?? 10;
  const outbox: SentSms[] = [];
  const history = new Map<string, number[]>(); // phone → send times in the last day

  const answer = (reply: FastifyReply, status: number, Code: string, Message: string, extra: Record<string, unknown> = {}) =>
    reply.code(status).send({ Code, Message, RequestId: randomUUID().toUpperCase(), ...extra });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (!error.statusCode || error.statusCode >= 500) {
      request.log.error({ err: error }, 'SMS stand-in error');
      return answer(reply, 500, 'isp.SYSTEM_ERROR', '系统错误');
    }
    return answer(reply, 400, 'InvalidParameter', '请求参数不正确');
  });

  app.post('/send', { schema: { hide: true } }, async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${apiKey}`) return answer(reply, 401, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const body = bodyFields(request);
    const phone = str(body.phone) ?? '';
    const sign = str(body.sign) ?? '';
    const template = str(body.template) ?? '';
    const rawParams = body.params !== null && typeof body.params === 'object' ? (body.params as Record<string, unknown>) : undefined;
    if (!/^1[3-9]\d{9}$/.test(phone)) return answer(reply, 200, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    if (!/^\S{2,12}$/u.test(sign)) return answer(reply, 200, 'isv.SMS_SIGNATURE_ILLEGAL', '签名不合法');
    if (!/^[\w-]{1,64}$/.test(template)) return answer(reply, 200, 'isv.SMS_TEMPLATE_ILLEGAL', '模板不合法');
    if (!rawParams || Object.values(rawParams).some((value) => typeof value !== 'string' || value.length > 35) || rawParams.code === undefined) {
      return answer(reply, 200, 'isv.TEMPLATE_MISSING_PARAMETERS', '模板变量缺少对应参数值');
    }
    const params = rawParams as Record<string, string>;

    const at = now();
    const sent = (history.get(phone) ?? []).filter((time) => time > at - 86_400_000);
    if (minInterval > 0 && sent.length > 0 && at - sent[sent.length - 1]! < minInterval) {
      return answer(reply, 200, 'isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1');
    }
    if (sent.length >= dailyLimit) return answer(reply, 200, 'isv.DAY_LIMIT_CONTROL', '触发日发送限额');
    sent.push(at);
    history.set(phone, sent);

    const bizId = `${randomBytes(6).readUIntBE(0, 6)}^0`;
    outbox.unshift({ phone, sign, template, params, content: renderSms(sign, template, params), bizId, sentAt: new Date(at).toISOString() });
    outbox.length = Math.min(outbox.length, OUTBOX_SIZE);
    return answer(reply, 200, 'OK', 'OK', { BizId: bizId });
  });

  // --- STAND-IN ONLY ---------------------------------------------------------------------------
  app.get('/__test/outbox', { schema: { hide: true } }, async (request, reply) => {
    const phone = queryFields(request).phone;
    return reply.send({ messages: (phone ? outbox.filter((message) => message.phone === phone) : outbox).slice(0, 50) });
  });
}
