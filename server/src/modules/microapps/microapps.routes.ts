import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  AdminVersionListSchema,
  AdminVersionSchema,
  AppStatsSchema,
  BuildingIdParamsSchema,
  CollegeIdParamsSchema,
  CollegeLeaderBodySchema,
  CollegeLeaderListSchema,
  CollegeLeaderSchema,
  DefinitionBodySchema,
  DefinitionResponseSchema,
  FreshUrlsBodySchema,
  FreshUrlsSchema,
  LocationBuildingListSchema,
  LocationRoomListSchema,
  LocationScopeQuerySchema,
  MicroAppKeyParamsSchema,
  MicroAppListSchema,
  MicroAppVersionParamsSchema,
  PersonPickListSchema,
  PersonPickQuerySchema,
  RequestDetailSchema,
  SubmitBodySchema,
  TaskBoxPageSchema,
  TicketQuerySchema,
  UploadedFileSchema,
  ValidateResponseSchema,
} from '../../../../types/microapp';
import { AppError } from '../../shared/errors';
import { BEARER_AUTH, errorResponses } from '../../shared/http-schemas';
import { createEngineServices } from '../workflow/engine-deps';
import { createCollegeLeadersService } from './college-leaders.service';
import { UPLOAD_LIMITS } from './microapps.service';

const tags = ['microapps'];

export const microappsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { microapps: service, workflow } = createEngineServices(app);
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMITS.file, files: 1, fields: 0, parts: 2 } });

  app.get(
    '/microapps',
    { schema: { tags, summary: '我可以使用的微应用', security: BEARER_AUTH, response: { 200: MicroAppListSchema, ...errorResponses(401) } } },
    async (request) => service.list(request.auth),
  );

  app.get(
    '/microapps/locations',
    {
      schema: {
        tags,
        summary: '校园位置：楼栋列表（宿舍 / 教学楼）',
        security: BEARER_AUTH,
        querystring: LocationScopeQuerySchema,
        response: { 200: LocationBuildingListSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => service.buildings(request.auth, request.query.scope),
  );

  app.get(
    '/microapps/locations/:buildingId/rooms',
    {
      schema: {
        tags,
        summary: '校园位置：楼栋的房间',
        security: BEARER_AUTH,
        params: BuildingIdParamsSchema,
        response: { 200: LocationRoomListSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => service.rooms(request.auth, request.params.buildingId),
  );

  app.get(
    '/microapps/people',
    {
      schema: {
        tags,
        summary: '人员选择器（仅教职工；姓名模糊或工号精确匹配，可按角色过滤）',
        security: BEARER_AUTH,
        querystring: PersonPickQuerySchema,
        response: { 200: PersonPickListSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => service.people(request.auth, request.query.q, request.query.role),
  );

  app.get(
    '/microapps/:key',
    {
      schema: {
        tags,
        summary: '微应用定义（最新发布版本）',
        security: BEARER_AUTH,
        params: MicroAppKeyParamsSchema,
        response: { 200: DefinitionResponseSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.get(request.auth, request.params.key),
  );

  app.get(
    '/microapps/:key/versions/:version',
    {
      schema: {
        tags,
        summary: '微应用定义的某个已发布版本（进行中的申请按其版本渲染）',
        security: BEARER_AUTH,
        params: MicroAppVersionParamsSchema,
        response: { 200: DefinitionResponseSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.get(request.auth, request.params.key, request.params.version),
  );

  app.post(
    '/microapps/:key/requests',
    {
      schema: {
        tags,
        summary: '提交申请（按定义版本校验；同一 idempotencyKey 重试返回同一申请）',
        description: '201 新建；200 重试命中已有申请；400 VALIDATION_FAILED 的 fields 逐项指出填写错误的字段（/values/<字段>）。',
        security: BEARER_AUTH,
        params: MicroAppKeyParamsSchema,
        body: SubmitBodySchema,
        response: { 200: RequestDetailSchema, 201: RequestDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { created, detail } = await service.submit(request.auth, request.params.key, request.body);
      return reply.code(created ? 201 : 200).send(detail);
    },
  );

  app.get(
    '/microapps/:key/stats',
    {
      schema: {
        tags,
        summary: '办理统计：进行中 / 超时（按楼栋、类别）、平均办结时长、满意度（调度员、管理员）',
        security: BEARER_AUTH,
        params: MicroAppKeyParamsSchema,
        response: { 200: AppStatsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.stats(request.auth, request.params.key),
  );

  app.get(
    '/microapps/:key/tickets',
    {
      schema: {
        tags,
        summary: '我参与的该应用申请（调度员的工单列表）：按状态、按统计分组筛选',
        security: BEARER_AUTH,
        params: MicroAppKeyParamsSchema,
        querystring: TicketQuerySchema,
        response: { 200: TaskBoxPageSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => workflow.tickets(request.auth, request.params.key, request.query),
  );

  app.post(
    '/admin/microapps/validate',
    {
      schema: {
        tags,
        summary: '校验微应用定义（不保存）',
        security: BEARER_AUTH,
        body: DefinitionBodySchema,
        response: { 200: ValidateResponseSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.validate(request.auth, request.body.definition),
  );

  app.post(
    '/admin/microapps',
    {
      schema: {
        tags,
        summary: '保存微应用定义为新的草稿版本',
        security: BEARER_AUTH,
        body: DefinitionBodySchema,
        response: { 201: AdminVersionSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createVersion(request.auth, request.body.definition)),
  );

  app.get(
    '/admin/microapps/:key/versions',
    {
      schema: {
        tags,
        summary: '微应用的所有版本',
        security: BEARER_AUTH,
        params: MicroAppKeyParamsSchema,
        response: { 200: AdminVersionListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.versions(request.auth, request.params.key),
  );

  const leaders = createCollegeLeadersService(app.db);
  app.get(
    '/admin/college-leaders',
    {
      schema: { tags, summary: '各学院负责人（流程中「学院负责人」审批人）', security: BEARER_AUTH, response: { 200: CollegeLeaderListSchema, ...errorResponses(401, 403) } },
    },
    async (request) => leaders.list(request.auth),
  );

  app.put(
    '/admin/college-leaders/:collegeId',
    {
      schema: {
        tags,
        summary: '设置学院负责人（须为本学院在职教职工；写审计日志）',
        security: BEARER_AUTH,
        params: CollegeIdParamsSchema,
        body: CollegeLeaderBodySchema,
        response: { 200: CollegeLeaderSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => leaders.set(request.auth, request.params.collegeId, request.body.personId),
  );

  app.post(
    '/admin/microapps/:key/versions/:version/publish',
    {
      schema: {
        tags,
        summary: '发布草稿版本（进行中的申请仍按原版本运行）',
        security: BEARER_AUTH,
        params: MicroAppVersionParamsSchema,
        response: { 200: AdminVersionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.publish(request.auth, request.params.key, request.params.version),
  );

  app.post(
    '/uploads',
    {
      schema: {
        tags,
        summary: '上传图片或附件（multipart/form-data，字段名 file；图片 ≤ 5 MB，文件 ≤ 10 MB；每人每 10 分钟 60 个）',
        security: BEARER_AUTH,
        consumes: ['multipart/form-data'],
        response: { 201: UploadedFileSchema, ...errorResponses(400, 401, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      await service.allowUpload(request.auth);
      if (!request.isMultipart()) throw new AppError(415, 'BAD_REQUEST', '请以 multipart/form-data 上传文件');
      let part;
      try {
        part = await request.file();
      } catch {
        throw new AppError(400, 'BAD_REQUEST', '上传的内容无法解析');
      }
      if (!part || part.fieldname !== 'file') throw new AppError(400, 'VALIDATION_FAILED', '请选择要上传的文件', [{ field: '/file', message: '缺少文件' }]);
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'PAYLOAD_TOO_LARGE', `文件不能超过 ${UPLOAD_LIMITS.file / 1024 / 1024} MB`);
        throw error;
      }
      const uploaded = await service.upload(request.auth, { filename: part.filename, mimetype: part.mimetype, data });
      return reply.code(201).send(uploaded);
    },
  );

  app.post(
    '/uploads/urls',
    {
      schema: {
        tags,
        summary: '为自己上传的文件换发新的签名链接（草稿里的链接 1 小时后过期）；不属于自己的 id 不返回',
        security: BEARER_AUTH,
        body: FreshUrlsBodySchema,
        response: { 200: FreshUrlsSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => service.freshUrls(request.auth, request.body.ids),
  );

  app.get(
    '/uploads/:id/content',
    {
      schema: {
        tags,
        summary: '文件内容（签名链接，无需登录头；链接 1 小时内有效）',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        querystring: Type.Object({ exp: Type.Integer(), sig: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) => {
      const file = await service.content(request.params.id, request.query.exp, request.query.sig);
      return reply
        .type(file.mime)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(file.data);
    },
  );
};
