import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CatalogQuerySchema, CatalogSchema } from '../../../../types/api';
import {
  BadgesSchema,
  CategoryParamsSchema,
  FavoriteOrderBodySchema,
  HomeSchema,
  ServiceIdParamsSchema,
  ServiceListQuerySchema,
  ServiceListSchema,
  ServiceOpenParamsSchema,
  ServiceSearchQuerySchema,
  ServiceSearchResponseSchema,
  ServiceTileListSchema,
} from '../../../../types/catalog';
import { BEARER_AUTH, NO_CONTENT, errorResponses } from '../../shared/http-schemas';
import { catalogAdminRoutes } from './catalog-admin.routes';
import { createCatalogService } from './catalog.service';

export const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createCatalogService(app.db);
  await app.register(catalogAdminRoutes);

  app.get(
    '/home',
    {
      schema: {
        tags: ['catalog'],
        summary: '首页数据：分类（按角色排序）、第一个分类的服务、收藏、最近使用、热门、通知',
        description: '比 GET /api/services 小得多：只带首屏需要的内容，其他分类打开时再取。',
        security: BEARER_AUTH,
        querystring: CatalogQuerySchema,
        response: { 200: HomeSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.home(request.auth, request.query),
  );

  app.get(
    '/categories/:categoryId/services',
    {
      schema: {
        tags: ['catalog'],
        summary: '某个分类下当前用户可见的服务（首页分类标签）',
        security: BEARER_AUTH,
        params: CategoryParamsSchema,
        querystring: CatalogQuerySchema,
        response: { 200: ServiceTileListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.categoryServices(request.auth, request.params.categoryId, request.query),
  );

  app.get(
    '/me/badges',
    {
      schema: {
        tags: ['catalog'],
        summary: '角标：待办数与未读消息数',
        security: BEARER_AUTH,
        response: { 200: BadgesSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => service.badges(request.auth),
  );

  app.get(
    '/services',
    {
      schema: {
        tags: ['catalog'],
        summary: '办事大厅服务目录（按当前用户角色与平台过滤）',
        description: '下线的服务不返回；维护中的服务带 statusMessage 返回。分类按当前用户的角色排序（如家长的「家长服务」在前）。',
        security: BEARER_AUTH,
        querystring: CatalogQuerySchema,
        response: { 200: CatalogSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.list(request.auth, request.query),
  );

  app.get(
    '/services/search',
    {
      schema: {
        tags: ['catalog'],
        summary: '搜索服务（中文、全拼、拼音首字母）',
        description:
          '按名称、关键词、分类、部门匹配；排序：名称完全一致 > 名称前缀 > 名称包含 > 名称拼音/首字母 > 关键词 > 分类/部门，同档按本周使用次数。只返回当前用户可见的服务。',
        security: BEARER_AUTH,
        querystring: ServiceSearchQuerySchema,
        response: { 200: ServiceSearchResponseSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.search(request.auth, request.query),
  );

  app.get(
    '/services/hot',
    {
      schema: {
        tags: ['catalog'],
        summary: '热门服务（近 7 天全校使用次数，当前用户可见）',
        security: BEARER_AUTH,
        querystring: ServiceListQuerySchema,
        response: { 200: ServiceListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.hot(request.auth, request.query),
  );

  app.post(
    '/services/:id/open',
    {
      schema: {
        tags: ['catalog'],
        summary: '记录打开服务（5 秒内重复点击只记一次）',
        security: BEARER_AUTH,
        params: ServiceOpenParamsSchema,
        response: { 204: NO_CONTENT, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.open(request.auth, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/recent',
    {
      schema: {
        tags: ['catalog'],
        summary: '最近使用的服务（最多 8 个）',
        security: BEARER_AUTH,
        querystring: ServiceListQuerySchema,
        response: { 200: ServiceListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.recent(request.auth, request.query),
  );

  app.get(
    '/me/favorites',
    {
      schema: {
        tags: ['catalog'],
        summary: '我的收藏（按用户排序，跨平台同步）',
        security: BEARER_AUTH,
        querystring: ServiceListQuerySchema,
        response: { 200: ServiceListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.favorites(request.auth, request.query),
  );

  app.put(
    '/me/favorites/order',
    {
      schema: {
        tags: ['catalog'],
        summary: '调整收藏顺序',
        security: BEARER_AUTH,
        body: FavoriteOrderBodySchema,
        response: { 200: ServiceListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.reorderFavorites(request.auth, request.body.serviceIds),
  );

  app.put(
    '/me/favorites/:serviceId',
    {
      schema: {
        tags: ['catalog'],
        summary: '收藏服务（重复收藏不变）',
        security: BEARER_AUTH,
        params: ServiceIdParamsSchema,
        response: { 200: ServiceListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.addFavorite(request.auth, request.params.serviceId),
  );

  app.delete(
    '/me/favorites/:serviceId',
    {
      schema: {
        tags: ['catalog'],
        summary: '取消收藏',
        security: BEARER_AUTH,
        params: ServiceIdParamsSchema,
        response: { 204: NO_CONTENT, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await service.removeFavorite(request.auth, request.params.serviceId);
      return reply.code(204).send(null);
    },
  );
};
