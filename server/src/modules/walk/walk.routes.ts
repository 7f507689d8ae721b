import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChallengeDetailSchema,
  ChallengeIdParamsSchema,
  ChallengeInputSchema,
  ChallengeListSchema,
  ChallengeSchema,
  HistoryQuerySchema,
  HistorySchema,
  JoinBodySchema,
  LeaderboardQuerySchema,
  LeaderboardSchema,
  LikeBodySchema,
  LikeResultSchema,
  RejectionListSchema,
  SyncResultSchema,
  WechatSyncBodySchema,
} from '../../../../types/walk';
import { BEARER_AUTH, NO_CONTENT, errorResponses } from '../../shared/http-schemas';
import { startWalkJobs } from './walk.jobs';
import { createWalkService } from './walk.service';

const tags = ['walk'];

export const walkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createWalkService({ db: app.db, config: app.config, upstreams: app.upstreams, log: app.log });
  startWalkJobs(app, service);

  app.get(
    '/walk/challenges',
    { schema: { tags, summary: '健步走活动列表（教职工；进行中、未开始、已结束）', security: BEARER_AUTH, response: { 200: ChallengeListSchema, ...errorResponses(401, 403) } } },
    async (request) => service.list(request.auth),
  );

  app.post(
    '/walk/challenges',
    {
      schema: {
        tags,
        summary: '创建健步走活动（管理员 / 工会）',
        security: BEARER_AUTH,
        body: ChallengeInputSchema,
        response: { 201: ChallengeSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.auth, request.body)),
  );

  app.get(
    '/walk/challenges/:id',
    {
      schema: {
        tags,
        summary: '活动详情与我的今日步数、排名、达标天数、连续达标',
        security: BEARER_AUTH,
        params: ChallengeIdParamsSchema,
        response: { 200: ChallengeDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.detail(request.auth, request.params.id),
  );

  app.put(
    '/walk/challenges/:id',
    {
      schema: {
        tags,
        summary: '修改健步走活动（管理员；改动窗口、上限或分组会重算排行）',
        security: BEARER_AUTH,
        params: ChallengeIdParamsSchema,
        body: ChallengeInputSchema,
        response: { 200: ChallengeSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.update(request.auth, request.params.id, request.body),
  );

  app.delete(
    '/walk/challenges/:id',
    {
      schema: { tags, summary: '删除健步走活动（管理员）', security: BEARER_AUTH, params: ChallengeIdParamsSchema, response: { 204: NO_CONTENT, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      await service.remove(request.auth, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/walk/challenges/:id/participation',
    {
      schema: {
        tags,
        summary: '参加活动并明确同意使用我的步数数据（重复提交无副作用）',
        security: BEARER_AUTH,
        params: ChallengeIdParamsSchema,
        body: JoinBodySchema,
        response: { 200: ChallengeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.join(request.auth, request.params.id),
  );

  app.delete(
    '/walk/challenges/:id/participation',
    {
      schema: {
        tags,
        summary: '退出活动并删除我在本活动中的数据（不再参加任何活动时，步数一并删除）',
        security: BEARER_AUTH,
        params: ChallengeIdParamsSchema,
        response: { 204: NO_CONTENT, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.leave(request.auth, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/walk/challenges/:id/leaderboard',
    {
      schema: {
        tags,
        summary: '排行榜：今日 / 本周 / 全程 × 个人 / 部门（人均或总数），含我的名次与差距',
        security: BEARER_AUTH,
        params: ChallengeIdParamsSchema,
        querystring: LeaderboardQuerySchema,
        response: { 200: LeaderboardSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.leaderboard(request.auth, request.params.id, request.query),
  );

  app.post(
    '/walk/challenges/:id/likes',
    {
      schema: {
        tags,
        summary: '给某人今天的步数点赞（每人每天一次）',
        security: BEARER_AUTH,
        params: ChallengeIdParamsSchema,
        body: LikeBodySchema,
        response: { 200: LikeResultSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.like(request.auth, request.params.id, request.body.personId),
  );

  app.get(
    '/walk/challenges/:id/rejections',
    {
      schema: {
        tags,
        summary: '被拒收的异常步数记录（管理员核查）',
        security: BEARER_AUTH,
        params: ChallengeIdParamsSchema,
        response: { 200: RejectionListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.rejections(request.auth, request.params.id),
  );

  app.post(
    '/walk/sync/wechat',
    {
      schema: {
        tags,
        summary: '上传 wx.getWeRunData 的加密数据，服务器用 session_key 解密后写入最近 31 天',
        description: 'session_key 失效或数据无法解密 → 409 WERUN_SESSION_STALE：客户端静默重新登录后重试一次。',
        security: BEARER_AUTH,
        body: WechatSyncBodySchema,
        response: { 200: SyncResultSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => service.syncWechat(request.auth, request.body),
  );

  app.post(
    '/walk/sync/dingtalk',
    {
      schema: {
        tags,
        summary: '从钉钉运动（服务端接口）拉取最近 31 天步数',
        security: BEARER_AUTH,
        response: { 200: SyncResultSchema, ...errorResponses(401, 403, 404, 422, 502, 503) },
      },
    },
    async (request) => service.syncDingtalk(request.auth, request.log),
  );

  app.get(
    '/walk/me/history',
    {
      schema: {
        tags,
        summary: '我最近 7 / 30 天的步数',
        security: BEARER_AUTH,
        querystring: HistoryQuerySchema,
        response: { 200: HistorySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.history(request.auth, request.query),
  );

  app.delete(
    '/walk/me/steps',
    {
      schema: { tags, summary: '删除我的全部步数数据并退出所有活动', security: BEARER_AUTH, response: { 204: NO_CONTENT, ...errorResponses(401, 403) } },
    },
    async (request, reply) => {
      await service.deleteMySteps(request.auth);
      return reply.code(204).send(null);
    },
  );
};
