import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { HealthSchema } from '../../../../types/api';
import { AppError } from '../../shared/errors';
import { errorResponses } from '../../shared/http-schemas';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: '健康检查（负载均衡探活；会访问一次数据库）',
        response: { 200: HealthSchema, ...errorResponses(503) },
      },
    },
    async (request) => {
      try {
        await sql`select 1`.execute(app.db);
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unreachable');
        throw new AppError(503, 'INTERNAL', '服务暂不可用，请稍后重试');
      }
      return { status: 'ok' as const, database: app.dbDialect, version: app.config.version };
    },
  );
};
