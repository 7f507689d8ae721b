import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BatchTaskActionBodySchema,
  BatchTaskActionResponseSchema,
  RequestActionBodySchema,
  RequestDetailSchema,
  RequestIdParamsSchema,
  TaskActionBodySchema,
  TaskBoxCountsSchema,
  TaskBoxPageSchema,
  TaskBoxQuerySchema,
  TaskIdParamsSchema,
} from '../../../../types/microapp';
import { BEARER_AUTH, errorResponses } from '../../shared/http-schemas';
import { createEngineServices } from './engine-deps';

const tags = ['workflow'];

export const workflowRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { workflow: service } = createEngineServices(app);

  app.get(
    '/workflow/requests/:id',
    {
      schema: {
        tags,
        summary: '申请详情：字段、当前节点、完整时间线（申请人、处理人、抄送人可见）',
        security: BEARER_AUTH,
        params: RequestIdParamsSchema,
        response: { 200: RequestDetailSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.detail(request.auth, request.params.id),
  );

  app.post(
    '/workflow/requests/:id/actions',
    {
      schema: {
        tags,
        summary: '申请人撤回 / 催办 / 重新提交，参与人评论',
        description: '催办每 10 分钟一次（429 RATE_LIMITED）；状态已变化时 409 CONFLICT。',
        security: BEARER_AUTH,
        params: RequestIdParamsSchema,
        body: RequestActionBodySchema,
        response: { 200: RequestDetailSchema, ...errorResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request) => service.requestAction(request.auth, request.params.id, request.body),
  );

  app.post(
    '/workflow/tasks/:taskId/actions',
    {
      schema: {
        tags,
        summary: '处理待办：同意 / 退回 / 转办 / 评论',
        description: '同一任务只会被处理一次：并发或重复提交时，后到的请求得到 409 CONFLICT。',
        security: BEARER_AUTH,
        params: TaskIdParamsSchema,
        body: TaskActionBodySchema,
        response: { 200: RequestDetailSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request) => service.taskAction(request.auth, request.params.taskId, request.body),
  );

  app.post(
    '/workflow/tasks/batch',
    {
      schema: {
        tags,
        summary: '批量同意（逐条返回结果）',
        security: BEARER_AUTH,
        body: BatchTaskActionBodySchema,
        response: { 200: BatchTaskActionResponseSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => service.batch(request.auth, request.body),
  );

  app.get(
    '/workflow/tasks',
    {
      schema: {
        tags,
        summary: '待办 / 已办 / 我发起的 / 抄送我的',
        security: BEARER_AUTH,
        querystring: TaskBoxQuerySchema,
        response: { 200: TaskBoxPageSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => service.box(request.auth, request.query),
  );

  app.get(
    '/workflow/counts',
    {
      schema: { tags, summary: '待办中心角标计数', security: BEARER_AUTH, response: { 200: TaskBoxCountsSchema, ...errorResponses(401) } },
    },
    async (request) => service.counts(request.auth),
  );
};
