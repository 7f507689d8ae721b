import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CLIENT_PLATFORM_HEADER, LoginBodySchema, LoginResponseSchema, MeSchema } from '../../../../types/api';
import { BEARER_AUTH, NO_CONTENT, errorResponses } from '../../shared/http-schemas';
import { createIdentityService } from './identity.service';

const ClientHeadersSchema = Type.Object({
  [CLIENT_PLATFORM_HEADER]: Type.Optional(
    Type.String({ maxLength: 16, description: '客户端平台 weapp | dd | h5，记录在会话上' }),
  ),
});

export const identityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createIdentityService(app.db, app.accessTokens);

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['identity'],
        summary: '账号密码登录（学号 / 工号 / 家长手机号）',
        description: `成功返回访问令牌（有效期见 expiresIn，默认 2 小时）。账号不存在与密码错误返回同一错误。`,
        headers: ClientHeadersSchema,
        body: LoginBodySchema,
        response: { 200: LoginResponseSchema, ...errorResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      const platform = request.headers[CLIENT_PLATFORM_HEADER];
      return service.login(request.body, {
        userAgent: request.headers['user-agent'],
        platform: typeof platform === 'string' ? platform : undefined,
      });
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['identity'],
        summary: '当前登录用户',
        security: BEARER_AUTH,
        response: { 200: MeSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => service.me(request.auth),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['identity'],
        summary: '退出登录（注销当前会话）',
        security: BEARER_AUTH,
        response: { 204: NO_CONTENT, ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request, reply) => {
      await service.logout(request.auth);
      return reply.code(204).send(null);
    },
  );
};
