import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MessageIdParamsSchema, MessagePageSchema, OkSchema, PageQuerySchema, ReadAllResultSchema } from '../../../../types/microapp';
import { BEARER_AUTH, errorResponses } from '../../shared/http-schemas';
import { createMessagesService } from './messages.service';

export const messagesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createMessagesService(app.db);

  app.get(
    '/messages',
    {
      schema: {
        tags: ['messages'],
        summary: '我的消息（站内信，最新在前）',
        security: BEARER_AUTH,
        querystring: PageQuerySchema,
        response: { 200: MessagePageSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => service.list(request.auth, request.query),
  );

  app.post(
    '/messages/:id/read',
    {
      schema: {
        tags: ['messages'],
        summary: '标记消息已读',
        security: BEARER_AUTH,
        params: MessageIdParamsSchema,
        response: { 200: OkSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.read(request.auth, request.params.id),
  );

  app.post(
    '/messages/read-all',
    {
      schema: {
        tags: ['messages'],
        summary: '全部标记已读（只影响自己的消息）',
        security: BEARER_AUTH,
        response: { 200: ReadAllResultSchema, ...errorResponses(401) },
      },
    },
    async (request) => service.readAll(request.auth),
  );
};
