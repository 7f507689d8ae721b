/**
 * Mini-program logins. WeChat: `wx.login` code → code2session → openid; the session_key is
 * stored encrypted and never leaves the server. DingTalk: 免登 auth code → userid, mapped to a
 * staff member by job number or mobile. Either way: a bound identity logs in silently; an
 * unbound one gets a bind ticket (10 min, single use, hashed) and proves who it is once at
 * POST /api/auth/bind — against CAS (REST) when CAS is the unified identity, else the directory.
 */
import { randomUUID } from 'node:crypto';
import type { LoginResult, PlatformLoginResult } from '../../../../types/auth';
import { seal } from '../../shared/crypto';
import { AppError, accountDisabled } from '../../shared/errors';
import type { IdentityContext, RequestInfo } from './identity.context';
import * as repository from './identity.repository';
import { invalidCredentials, type IdentityService } from './identity.service';
import { callUpstream } from './upstreams';

export const BIND_TICKET_TTL_SECONDS = 10 * 60;

type PlatformProvider = 'wechat' | 'dingtalk';

interface BindTicketPayload {
  provider: PlatformProvider;
  subject: string;
  unionid: string | null;
}

const providerDisabled = (label: string): AppError => new AppError(404, 'PROVIDER_DISABLED', `当前未启用${label}登录`);
const bindTicketInvalid = (): AppError => new AppError(401, 'BIND_TICKET_INVALID', '绑定已过期，请重新打开小程序后再试');
const alreadyBound = (label: string): AppError =>
  new AppError(409, 'ALREADY_BOUND', `该${label}账号已绑定其他人，请先在原账号的「我的」页面解绑`);
const LABELS: Record<PlatformProvider, string> = { wechat: '微信', dingtalk: '钉钉' };

/** the AES-GCM associated data binding a sealed session_key to its openid */
export const wechatKeyContext = (openid: string): string => `wechat-session-key:${openid}`;

export function createPlatformService(ctx: IdentityContext, identity: IdentityService) {
  const { db, upstreams, config } = ctx;
  const verifyWith = (): 'cas' | 'password' => (config.integrations.unified === 'cas' && upstreams.cas ? 'cas' : 'password');

  async function loginOrTicket(
    provider: PlatformProvider,
    subject: string,
    unionid: string | null,
    client: RequestInfo,
  ): Promise<PlatformLoginResult> {
    const binding = await repository.findBindingBySubject(db, provider, subject);
    if (binding) {
      const result = await ctx.completeLogin(binding.personId, provider, client);
      return { status: 'bound', ...result };
    }
    const payload: BindTicketPayload = { provider, subject, unionid };
    const bindTicket = await ctx.issueOneTime('bind', payload, BIND_TICKET_TTL_SECONDS);
    return { status: 'needs_binding', bindTicket, verifyWith: verifyWith() };
  }

  /** Binds the platform identity to the person; a person's older binding on that provider is replaced. */
  async function bind(personId: string, ticket: BindTicketPayload): Promise<void> {
    const now = new Date();
    await db.transaction().execute(async (trx) => {
      const taken = await repository.findBindingBySubject(trx, ticket.provider, ticket.subject);
      if (taken && taken.personId !== personId) throw alreadyBound(LABELS[ticket.provider]);
      if (taken) return; // already bound to this very person
      const previous = await repository.findBindingByPerson(trx, ticket.provider, personId);
      if (previous) {
        // a new phone: the old binding goes, and so do the sessions it opened
        await repository.deleteBinding(trx, previous.id);
        if (ticket.provider === 'wechat') await repository.deleteWechatSession(trx, previous.subject);
        await repository.revokePersonSessions(trx, personId, now, 'binding_replaced', ticket.provider);
      }
      await repository.insertBinding(trx, {
        id: randomUUID(),
        provider: ticket.provider,
        subject: ticket.subject,
        unionid: ticket.unionid,
        personId,
        boundAt: now,
      });
      if (ticket.provider === 'wechat') await repository.setWechatSessionPerson(trx, ticket.subject, personId);
      await repository.insertAudit(trx, {
        id: randomUUID(),
        actorId: personId,
        action: `bind.${ticket.provider}`,
        target: `person:${personId}`,
        detail: previous ? { replaced: true } : undefined,
        at: now,
      });
    });
  }

  return {
    async wechat(code: string, client: RequestInfo): Promise<PlatformLoginResult> {
      await ctx.guard.ip(client.ip);
      const wechat = upstreams.wechat;
      if (!wechat) throw providerDisabled('微信');
      const session = await callUpstream(client.log, { code: 'CODE_INVALID' }, () => wechat.code2session(code));
      const binding = await repository.findBindingBySubject(db, 'wechat', session.openid);
      await repository.upsertWechatSession(db, {
        openid: session.openid,
        unionid: session.unionid ?? null,
        personId: binding?.personId ?? null,
        sessionKeyEnc: seal(ctx.keys.wechatSessionKey, session.sessionKey, wechatKeyContext(session.openid)),
        at: new Date(),
      });
      return loginOrTicket('wechat', session.openid, session.unionid ?? null, { ...client, platform: 'weapp' });
    },

    async dingtalk(authCode: string, client: RequestInfo): Promise<PlatformLoginResult> {
      await ctx.guard.ip(client.ip);
      const dingtalk = upstreams.dingtalk;
      if (!dingtalk) throw providerDisabled('钉钉');
      const user = await callUpstream(client.log, { code: 'CODE_INVALID' }, () => dingtalk.getUserByAuthCode(authCode));
      const dd = { ...client, platform: 'dd' };
      if (!(await repository.findBindingBySubject(db, 'dingtalk', user.userid))) {
        // staff are known to DingTalk by job number (= 工号) or mobile: bind them without asking
        const byNumber = user.jobNumber ? await repository.findPersonByNumber(db, user.jobNumber) : undefined;
        const staff =
          byNumber?.kind === 'staff' ? byNumber : user.mobile ? await repository.findStaffByMobile(db, user.mobile) : undefined;
        if (staff && !(await repository.findBindingByPerson(db, 'dingtalk', staff.id))) {
          if (staff.status !== 'active') throw accountDisabled();
          await bind(staff.id, { provider: 'dingtalk', subject: user.userid, unionid: user.unionid ?? null });
        }
      }
      return loginOrTicket('dingtalk', user.userid, user.unionid ?? null, dd);
    },

    /** Proves who the user is (CAS REST or the directory), then binds the ticket's identity to them. */
    async bind(body: { bindTicket: string; username: string; password: string }, client: RequestInfo): Promise<LoginResult> {
      await ctx.guard.ip(client.ip);
      const ticket = await ctx.peekOneTime<BindTicketPayload>('bind', body.bindTicket);
      if (!ticket) throw bindTicketInvalid();
      const username = body.username.trim();

      let personId: string;
      const cas = upstreams.cas;
      if (verifyWith() === 'cas' && cas) {
        await ctx.guard.account('password', username);
        const principal = await callUpstream(client.log, { code: 'INVALID_CREDENTIALS' }, () =>
          cas.verifyPassword(username, body.password),
        );
        if (!principal) {
          await ctx.guard.failed('password', username);
          throw invalidCredentials();
        }
        await ctx.guard.succeeded('password', username);
        const person = await repository.findPersonByNumber(db, principal.user);
        if (!person) throw new AppError(403, 'NOT_IN_DIRECTORY', '统一身份认证账号未在本校通讯录中，请联系管理员');
        if (person.status !== 'active') throw accountDisabled();
        personId = person.id;
      } else {
        personId = await identity.checkDirectoryPassword(username, body.password);
      }

      // the ticket is used up only now, so a mistyped password does not send the user back to the start
      if (!(await ctx.consumeOneTime<BindTicketPayload>('bind', body.bindTicket))) throw bindTicketInvalid();
      await bind(personId, ticket);
      return ctx.completeLogin(personId, ticket.provider, {
        ...client,
        platform: ticket.provider === 'wechat' ? 'weapp' : 'dd',
      });
    },
  };
}

export type PlatformService = ReturnType<typeof createPlatformService>;
