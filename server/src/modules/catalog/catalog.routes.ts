import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CatalogQuerySchema, CatalogSchema } from '../../../../types/api';
import { BEARER_AUTH, errorResponses } from '../../shared/http-schemas';
import { createCatalogService } from './catalog.service';

export const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createCatalogService(app.db);

  app.get(
    '/services',
    {
      schema: {
        tags: ['catalog'],
        summary: '办事大厅服务目录（按当前用户角色与平台过滤）',
        description: '下线的服务不返回；维护中的服务带 statusMessage 返回。',
        security: BEARER_AUTH,
        querystring: CatalogQuerySchema,
        response: { 200: CatalogSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.list(request.auth, request.query),
  );
};
