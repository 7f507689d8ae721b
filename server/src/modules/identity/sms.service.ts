/**
 * Parents log in with their mobile number and a 6-digit SMS code (5 minutes, single use, 5 wrong
 * tries). Sending answers the same 200 whether or not the number belongs to a parent, so the
 * endpoint cannot be used to find out who is a parent here; the rate limits apply either way.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { LoginResult } from '../../../../types/auth';
import { hmac, safeEqual } from '../../shared/crypto';
import { AppError } from '../../shared/errors';
import type { IdentityContext, RequestInfo } from './identity.context';
import * as repository from './identity.repository';
import { LOGIN_LIMITS } from './login-guard';
import * as codes from './sms.repository';

const codeInvalid = (): AppError => new AppError(401, 'CODE_INVALID', '验证码错误或已过期');
const codeBurned = (): AppError => new AppError(401, 'CODE_INVALID', '验证码错误次数过多，请重新获取');
const smsDisabled = (): AppError => new AppError(404, 'PROVIDER_DISABLED', '当前未启用短信验证码登录');

export function createSmsService(ctx: IdentityContext) {
  const { db, upstreams } = ctx;
  const { sms: limits } = LOGIN_LIMITS;
  const hashOf = (mobile: string, code: string) => hmac(ctx.keys.smsCode, `${mobile}:${code}`);

  return {
    async send(mobile: string, client: RequestInfo): Promise<{ retryAfter: number }> {
      const sms = upstreams.sms;
      if (!sms) throw smsDisabled();
      await ctx.guard.smsSend(client.ip, mobile);
      const parent = await repository.findLinkedParentByMobile(db, mobile);
      if (parent && parent.status === 'active') {
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        const now = new Date();
        await codes.replaceSmsCode(db, {
          id: randomUUID(),
          mobile,
          codeHash: hashOf(mobile, code),
          createdAt: now,
          expiresAt: new Date(now.getTime() + limits.codeTtlSeconds * 1000),
        });
        try {
          await sms.sendCode(mobile, code);
        } catch (error) {
          // the same answer as for an unknown number: the parent asks again after retryAfter
          client.log.warn({ upstream: { system: 'sms', code: (error as { upstreamCode?: string }).upstreamCode } }, 'SMS not sent');
        }
      }
      return { retryAfter: limits.cooldownSeconds };
    },

    async login(body: { mobile: string; code: string }, client: RequestInfo): Promise<LoginResult> {
      if (!upstreams.sms) throw smsDisabled();
      await ctx.guard.ip(client.ip);
      await ctx.guard.account('sms', body.mobile);
      const now = new Date();
      const live = await codes.findLiveSmsCode(db, body.mobile, now);
      if (!live) {
        await ctx.guard.failed('sms', body.mobile);
        throw codeInvalid();
      }
      if (!safeEqual(live.codeHash, hashOf(body.mobile, body.code))) {
        const attempts = await codes.countWrongAttempt(db, live.id, limits.maxAttempts, now);
        await ctx.guard.failed('sms', body.mobile);
        throw attempts >= limits.maxAttempts ? codeBurned() : codeInvalid();
      }
      if (!(await codes.consumeSmsCode(db, live.id, limits.maxAttempts, now))) throw codeInvalid();
      await ctx.guard.succeeded('sms', body.mobile);
      const parent = await repository.findLinkedParentByMobile(db, body.mobile);
      if (!parent) throw codeInvalid();
      return ctx.completeLogin(parent.id, 'sms', { ...client, platform: client.platform ?? 'h5' });
    },
  };
}

export type SmsService = ReturnType<typeof createSmsService>;
