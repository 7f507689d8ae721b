import { STAND_IN_DEMO_CREDENTIALS } from '../config';
import { everythingIn, rejectionOf, startStandIns, type RunningStandIns } from '../test-stand-ins';
import { createSmsClient, type SmsClientConfig } from './sms-client';

let standIns: RunningStandIns;
let config: SmsClientConfig;
beforeAll(async () => {
  standIns = await startStandIns();
  config = {
    apiBase: standIns.urls.sms,
    apiKey: STAND_IN_DEMO_CREDENTIALS.smsApiKey,
    sign: STAND_IN_DEMO_CREDENTIALS.smsSign,
    template: STAND_IN_DEMO_CREDENTIALS.smsTemplate,
  };
});
afterAll(() => standIns.close());

async function outbox(phone: string) {
  const response = await fetch(`${standIns.urls.sms}/__test/outbox?phone=${phone}`);
  return ((await response.json()) as { messages: { phone: string; content: string; params: { code: string } }[] }).messages;
}

describe('SMS client against the SMS stand-in', () => {
  it('sends a code that shows up in the outbox', async () => {
    const sms = createSmsClient(config);
    await sms.sendCode('13800000001', '482913');
    const messages = await outbox('13800000001');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ phone: '13800000001', params: { code: '482913' } });
    expect(messages[0]!.content).toBe('【智慧校园】您的验证码为 482913，5 分钟内有效，请勿泄露给他人。');
    expect(await outbox('13800000002')).toHaveLength(0);
  });

  it('is rate limited per number by the gateway (isv.BUSINESS_LIMIT_CONTROL), until a minute has passed', async () => {
    const sms = createSmsClient(config);
    await sms.sendCode('13900000009', '111111');
    const error = await rejectionOf(sms.sendCode('13900000009', '222222'));
    expect(error).toMatchObject({ system: 'sms', kind: 'rejected', upstreamCode: 'isv.BUSINESS_LIMIT_CONTROL' });
    expect((error as Error).message).toMatch(/[\u4e00-\u9fa5]/);
    await sms.sendCode('13900000008', '333333'); // another number is fine
    standIns.advance(61_000);
    await sms.sendCode('13900000009', '444444');
    expect((await outbox('13900000009')).map((message) => message.params.code)).toEqual(['444444', '111111']);
  });

  it('rejects an illegal mobile number, locally and at the gateway', async () => {
    const sms = createSmsClient(config);
    await expect(sms.sendCode('12345', '123456')).rejects.toMatchObject({ kind: 'rejected', upstreamCode: 'isv.MOBILE_NUMBER_ILLEGAL' });
    // 12x is not a Chinese mobile prefix: the client lets it through, the gateway refuses it
    await expect(sms.sendCode('12000000000', '123456')).rejects.toMatchObject({ kind: 'rejected', upstreamCode: 'isv.MOBILE_NUMBER_ILLEGAL' });
    await expect(sms.sendCode('13800000003', 'abc')).rejects.toThrow(TypeError);
  });

  it('is unavailable for a wrong API key (never shown), or a gateway that is down', async () => {
    const sms = createSmsClient({ ...config, apiKey: 'wrong-sms-api-key-123' });
    const error = await rejectionOf(sms.sendCode('13800000004', '123456'));
    expect(error).toMatchObject({ kind: 'unavailable', upstreamCode: 'InvalidAccessKeyId.NotFound' });
    expect(everythingIn(error)).not.toContain('wrong-sms-api-key-123');
    expect(await outbox('13800000004')).toHaveLength(0);
    await expect(createSmsClient({ ...config, apiBase: 'http://127.0.0.1:1' }).sendCode('13800000005', '123456')).rejects.toMatchObject({
      kind: 'unavailable',
      upstreamCode: 'network',
    });
  });
});
