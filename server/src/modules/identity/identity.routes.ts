/**
 * Every identity route. One IdentityContext (database, sessions, rate limits, upstream clients)
 * is built here and shared by the flows; each flow has its own service file.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CLIENT_PLATFORM_HEADER, LoginBodySchema } from '../../../../types/api';
import {
  ActiveChildBodySchema,
  BindBodySchema,
  DingtalkLoginBodySchema,
  ExchangeBodySchema,
  LoginResultSchema,
  MeDetailSchema,
  ParentVisibilitySchema,
  PlatformLoginResultSchema,
  ProvidersSchema,
  RefreshBodySchema,
  SessionTokensSchema,
  SmsLoginBodySchema,
  SmsSendBodySchema,
  SmsSentSchema,
  WechatLoginBodySchema,
} from '../../../../types/auth';
import { BEARER_AUTH, NO_CONTENT, errorResponses } from '../../shared/http-schemas';
import { createDbRateLimiter } from '../../shared/rate-limit';
import { createIdentityContext, requestInfo } from './identity.context';
import { createIdentityService } from './identity.service';
import { createMeService } from './me.service';
import { createPlatformService } from './platform.service';
import { createSessions } from './sessions';
import { createSmsService } from './sms.service';
import { createSsoService } from './sso.service';

const ClientHeadersSchema = Type.Object({
  [CLIENT_PLATFORM_HEADER]: Type.Optional(
    Type.String({ maxLength: 16, description: '客户端平台 weapp | dd | h5，记录在会话上' }),
  ),
});
const REDIRECT = Type.Null({ description: '302 跳转（Location 头）' });
const RedirectQuerySchema = Type.Object(
  { redirect: Type.Optional(Type.String({ description: '登录完成后回到的站内路径，须以 / 开头' })) },
  { additionalProperties: false },
);
// callbacks take whatever the IdP adds; every check happens in the service, which answers with a redirect
const CasCallbackQuerySchema = Type.Object({ ticket: Type.Optional(Type.String()), redirect: Type.Optional(Type.String()) });
const OidcCallbackQuerySchema = Type.Object({
  code: Type.Optional(Type.String()),
  state: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
});
const BindingParamsSchema = Type.Object(
  { provider: Type.Union([Type.Literal('wechat'), Type.Literal('dingtalk')]) },
  { additionalProperties: false },
);

export const identityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const sessions = createSessions(app.db, app.accessTokens, app.config.refreshTokenTtlSeconds);
  const ctx = createIdentityContext({
    db: app.db,
    config: app.config,
    sessions,
    limiter: createDbRateLimiter(app.db),
    upstreams: app.upstreams,
  });
  const identity = createIdentityService(ctx);
  const me = createMeService(ctx);
  const sso = createSsoService(ctx);
  const platform = createPlatformService(ctx, identity);
  const sms = createSmsService(ctx);

  // --- the built-in directory, tokens ----------------------------------------------------

  app.get(
    '/auth/providers',
    {
      schema: {
        tags: ['identity'],
        summary: '本部署启用的登录方式（登录页据此显示按钮）',
        response: { 200: ProvidersSchema, ...errorResponses() },
      },
    },
    async () => identity.providers(),
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['identity'],
        summary: '账号密码登录（内置目录：学号 / 工号 / 家长手机号）',
        description:
          '返回 LoginResult：访问令牌（≤ 15 分钟）与刷新令牌。账号不存在与密码错误返回同一错误。' +
          '同一 IP 每分钟 30 次；同一账号 15 分钟内错 5 次后锁定 1 分钟，之后每错一次加倍，最长 15 分钟（429 + Retry-After）。',
        headers: ClientHeadersSchema,
        body: LoginBodySchema,
        response: { 200: LoginResultSchema, ...errorResponses(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request) => identity.login(request.body, requestInfo(request)),
  );

  app.post(
    '/auth/exchange',
    {
      schema: {
        tags: ['identity'],
        summary: '用统一身份认证回调给出的一次性 handoff 码换取令牌（60 秒内、仅一次）',
        headers: ClientHeadersSchema,
        body: ExchangeBodySchema,
        response: { 200: LoginResultSchema, ...errorResponses(400, 401, 403, 415, 429) },
      },
    },
    async (request) => identity.exchange(request.body.code, requestInfo(request)),
  );

  app.post(
    '/auth/refresh',
    {
      schema: {
        tags: ['identity'],
        summary: '刷新令牌（每次轮换；已轮换的刷新令牌再次出现时整个会话作废）',
        description:
          '过期、未知或会话已结束：401 SESSION_EXPIRED；已轮换的令牌再次使用：401 REFRESH_REUSED 并结束会话；' +
          '10 秒内同一令牌的并发刷新：只有一个成功，其余 409 CONFLICT，不结束会话。',
        body: RefreshBodySchema,
        response: { 200: SessionTokensSchema, ...errorResponses(400, 401, 403, 409, 415) },
      },
    },
    async (request) => identity.refresh(request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['identity'],
        summary: '退出登录（结束当前会话及其刷新令牌）',
        security: BEARER_AUTH,
        response: { 204: NO_CONTENT, ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request, reply) => {
      await identity.logout(request.auth);
      return reply.code(204).send(null);
    },
  );

  // --- CAS / OIDC (H5) ---------------------------------------------------------------

  app.get(
    '/auth/cas/login',
    {
      schema: {
        tags: ['identity'],
        summary: '跳转到 CAS 统一身份认证登录页',
        querystring: RedirectQuerySchema,
        response: { 302: REDIRECT, ...errorResponses(400) },
      },
    },
    async (request, reply) => reply.redirect(sso.casLogin(request.query.redirect), 302),
  );

  app.get(
    '/auth/cas/callback',
    {
      schema: {
        tags: ['identity'],
        summary: 'CAS 回调：校验票据（仅一次），跳回应用并附一次性 handoff 码；失败时跳到登录页 ?error=CODE',
        querystring: CasCallbackQuerySchema,
        response: { 302: REDIRECT, ...errorResponses(400) },
      },
    },
    async (request, reply) => reply.redirect(await sso.casCallback(request.query, requestInfo(request)), 302),
  );

  app.get(
    '/auth/oidc/login',
    {
      schema: {
        tags: ['identity'],
        summary: '跳转到 OIDC 身份提供方（授权码 + PKCE，state / nonce 10 分钟内一次有效）',
        querystring: RedirectQuerySchema,
        response: { 302: REDIRECT, ...errorResponses(400) },
      },
    },
    async (request, reply) => reply.redirect(await sso.oidcLogin(request.query.redirect, requestInfo(request)), 302),
  );

  app.get(
    '/auth/oidc/callback',
    {
      schema: {
        tags: ['identity'],
        summary: 'OIDC 回调：核对 state，换取并校验 ID Token，跳回应用并附 handoff 码；失败时跳到登录页 ?error=CODE',
        querystring: OidcCallbackQuerySchema,
        response: { 302: REDIRECT, ...errorResponses(400) },
      },
    },
    async (request, reply) => reply.redirect(await sso.oidcCallback(request.query, requestInfo(request)), 302),
  );

  // --- WeChat / DingTalk (mini-programs) ------------------------------------------------

  app.post(
    '/auth/wechat',
    {
      schema: {
        tags: ['identity'],
        summary: '微信小程序登录（wx.login 的 code）：已绑定则返回令牌，否则返回绑定票据',
        body: WechatLoginBodySchema,
        response: { 200: PlatformLoginResultSchema, ...errorResponses(400, 401, 403, 404, 415, 429, 503) },
      },
    },
    async (request) => platform.wechat(request.body.code, requestInfo(request)),
  );

  app.post(
    '/auth/dingtalk',
    {
      schema: {
        tags: ['identity'],
        summary: '钉钉免登（dd.getAuthCode）：按工号或手机号匹配教职工并自动绑定，否则返回绑定票据',
        body: DingtalkLoginBodySchema,
        response: { 200: PlatformLoginResultSchema, ...errorResponses(400, 401, 403, 404, 415, 429, 503) },
      },
    },
    async (request) => platform.dingtalk(request.body.authCode, requestInfo(request)),
  );

  app.post(
    '/auth/bind',
    {
      schema: {
        tags: ['identity'],
        summary: '首次绑定：用统一身份认证（CAS REST）或内置目录的账号密码证明身份，绑定微信 / 钉钉账号',
        body: BindBodySchema,
        response: { 200: LoginResultSchema, ...errorResponses(400, 401, 403, 409, 415, 429, 503) },
      },
    },
    async (request) => platform.bind(request.body, requestInfo(request)),
  );

  // --- parents: SMS code ---------------------------------------------------------------

  app.post(
    '/auth/sms/send',
    {
      schema: {
        tags: ['identity'],
        summary: '发送短信验证码（家长）。无论号码是否登记都返回同样的 200',
        description: '同一号码 60 秒 1 次、每小时 5 次；同一 IP 每小时 20 次（429 + Retry-After）。验证码 6 位，5 分钟有效。',
        body: SmsSendBodySchema,
        response: { 200: SmsSentSchema, ...errorResponses(400, 404, 415, 429) },
      },
    },
    async (request) => sms.send(request.body.mobile, requestInfo(request)),
  );

  app.post(
    '/auth/sms/login',
    {
      schema: {
        tags: ['identity'],
        summary: '短信验证码登录（家长）：验证码仅一次有效，错 5 次作废',
        headers: ClientHeadersSchema,
        body: SmsLoginBodySchema,
        response: { 200: LoginResultSchema, ...errorResponses(400, 401, 403, 404, 415, 429) },
      },
    },
    async (request) => sms.login(request.body, requestInfo(request)),
  );

  // --- me --------------------------------------------------------------------------------

  app.get(
    '/me',
    {
      schema: {
        tags: ['identity'],
        summary: '当前登录用户（角色、已绑定账号；家长含孩子列表，学生含家长可见设置）',
        security: BEARER_AUTH,
        response: { 200: MeDetailSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => me.me(request.auth),
  );

  app.put(
    '/me/active-child',
    {
      schema: {
        tags: ['identity'],
        summary: '家长切换当前查看的孩子（只能是与自己关联的学生）',
        security: BEARER_AUTH,
        body: ActiveChildBodySchema,
        response: { 200: MeDetailSchema, ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request) => me.setActiveChild(request.auth, request.body.studentId),
  );

  app.put(
    '/me/parent-visibility',
    {
      schema: {
        tags: ['identity'],
        summary: '学生设置家长可见的内容（离返校状态、学业画像）',
        security: BEARER_AUTH,
        body: ParentVisibilitySchema,
        response: { 200: MeDetailSchema, ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request) => me.setParentVisibility(request.auth, request.body),
  );

  app.delete(
    '/me/bindings/:provider',
    {
      schema: {
        tags: ['identity'],
        summary: '解绑微信 / 钉钉账号，并立即结束本人的全部会话',
        security: BEARER_AUTH,
        params: BindingParamsSchema,
        response: { 204: NO_CONTENT, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await me.unbind(request.auth, request.params.provider);
      return reply.code(204).send(null);
    },
  );
};
