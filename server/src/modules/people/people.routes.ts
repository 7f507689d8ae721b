import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PersonCardSchema, PersonIdParamsSchema } from '../../../../types/api';
import { BEARER_AUTH, NO_CONTENT, errorResponses } from '../../shared/http-schemas';
import { createPeopleService } from './people.service';

export const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createPeopleService(app.db);

  app.get(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: '查看人员信息（本人、管理员、学生的辅导员或家长；字段按关系过滤）',
        description: '家长只看到孩子的姓名、学号、院系与班级，看不到手机号与宿舍；无权查看时无论此人是否存在都返回 403。',
        security: BEARER_AUTH,
        params: PersonIdParamsSchema,
        response: { 200: PersonCardSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.get(request.auth, request.params.id),
  );

  app.post(
    '/admin/people/:id/disable',
    {
      schema: {
        tags: ['people'],
        summary: '停用账号（仅管理员）：立即结束此人的全部会话，记入审计日志',
        security: BEARER_AUTH,
        params: PersonIdParamsSchema,
        response: { 204: NO_CONTENT, ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      await service.disable(request.auth, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/admin/people/:id/enable',
    {
      schema: {
        tags: ['people'],
        summary: '恢复账号（仅管理员），记入审计日志',
        security: BEARER_AUTH,
        params: PersonIdParamsSchema,
        response: { 204: NO_CONTENT, ...errorResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      await service.enable(request.auth, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
