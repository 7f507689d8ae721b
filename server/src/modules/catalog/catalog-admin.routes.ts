import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminServiceCreateSchema,
  AdminServiceParamsSchema,
  AdminServicePatchSchema,
  AdminServiceSchema,
  AuditListSchema,
  AuditQuerySchema,
  CatalogDocumentSchema,
  CatalogImportQuerySchema,
  CatalogImportResultSchema,
  ServiceOrderBodySchema,
} from '../../../../types/catalog';
import { BEARER_AUTH, NO_CONTENT, errorResponses } from '../../shared/http-schemas';
import { createCatalogAdminService } from './catalog-admin.service';

/** Catalog administration: admins only, every change audited. */
export const catalogAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createCatalogAdminService(app.db);
  const tags = ['catalog-admin'];

  app.get(
    '/admin/catalog',
    {
      schema: {
        tags,
        summary: '导出服务目录（JSON，含已下线服务）',
        security: BEARER_AUTH,
        response: { 200: CatalogDocumentSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => service.exportCatalog(request.auth),
  );

  app.put(
    '/admin/catalog',
    {
      schema: {
        tags,
        summary: '导入服务目录（按编号新建或更新；replace=true 时未列出的服务下线）',
        description: '导入格式即导出格式。整个导入在一个事务中完成，任何一条出错则全部不生效。每条变更写审计日志。',
        security: BEARER_AUTH,
        querystring: CatalogImportQuerySchema,
        body: CatalogDocumentSchema,
        response: { 200: CatalogImportResultSchema, ...errorResponses(400, 401, 403, 409, 413) },
      },
    },
    async (request) => service.importCatalog(request.auth, request.body, request.query.replace ?? false),
  );

  app.post(
    '/admin/services',
    {
      schema: {
        tags,
        summary: '新建服务',
        security: BEARER_AUTH,
        body: AdminServiceCreateSchema,
        response: { 201: AdminServiceSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createService(request.auth, request.body)),
  );

  app.put(
    '/admin/services/order',
    {
      schema: {
        tags,
        summary: '调整服务顺序（列出的服务排在前面，其余保持原顺序）',
        security: BEARER_AUTH,
        body: ServiceOrderBodySchema,
        response: { 204: NO_CONTENT, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await service.reorder(request.auth, request.body.serviceIds);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/admin/services/:id',
    {
      schema: {
        tags,
        summary: '修改服务（含上线、维护中+提示语、下线）',
        description: '带 expectedUpdatedAt 时，若服务已被他人修改则返回 409。',
        security: BEARER_AUTH,
        params: AdminServiceParamsSchema,
        body: AdminServicePatchSchema,
        response: { 200: AdminServiceSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.updateService(request.auth, request.params.id, request.body),
  );

  app.get(
    '/admin/catalog/audit',
    {
      schema: {
        tags,
        summary: '服务目录与通知的审计日志（谁、何时、改了什么）',
        security: BEARER_AUTH,
        querystring: AuditQuerySchema,
        response: { 200: AuditListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.audit(request.auth, request.query),
  );
};
