import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminNoticeListSchema,
  AdminNoticeSchema,
  NoticeCreateSchema,
  NoticeListSchema,
  NoticeParamsSchema,
  NoticePatchSchema,
} from '../../../../types/catalog';
import { BEARER_AUTH, NO_CONTENT, errorResponses } from '../../shared/http-schemas';
import { createNoticesService } from './notices.service';

export const noticesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createNoticesService(app.db);
  const tags = ['notices'];

  app.get(
    '/notices',
    {
      schema: {
        tags,
        summary: '当前用户可见的通知（发布期内、受众包含其角色，最多 5 条）',
        security: BEARER_AUTH,
        response: { 200: NoticeListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => service.current(request.auth),
  );

  app.get(
    '/admin/notices',
    {
      schema: { tags, summary: '全部通知（管理员）', security: BEARER_AUTH, response: { 200: AdminNoticeListSchema, ...errorResponses(401, 403) } },
    },
    async (request) => service.list(request.auth),
  );

  app.post(
    '/admin/notices',
    {
      schema: {
        tags,
        summary: '发布通知（管理员；带 id 重试不会重复发布）',
        description: '同一 id、同样内容再次提交返回 200 和已有通知；同一 id、不同内容返回 409。',
        security: BEARER_AUTH,
        body: NoticeCreateSchema,
        response: { 200: AdminNoticeSchema, 201: AdminNoticeSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { notice, created } = await service.create(request.auth, request.body);
      return reply.code(created ? 201 : 200).send(notice);
    },
  );

  app.patch(
    '/admin/notices/:id',
    {
      schema: {
        tags,
        summary: '修改通知（管理员）',
        security: BEARER_AUTH,
        params: NoticeParamsSchema,
        body: NoticePatchSchema,
        response: { 200: AdminNoticeSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.update(request.auth, request.params.id, request.body),
  );

  app.delete(
    '/admin/notices/:id',
    {
      schema: {
        tags,
        summary: '删除通知（管理员）',
        security: BEARER_AUTH,
        params: NoticeParamsSchema,
        response: { 204: NO_CONTENT, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.remove(request.auth, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
