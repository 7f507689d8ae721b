import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CounselorClassesSchema,
  CourseParamsSchema,
  CoursePortraitSchema,
  MajorListSchema,
  MajorParamsSchema,
  MajorPortraitSchema,
  PortraitRuleListSchema,
  PortraitRuleSchema,
  PortraitWarningSchema,
  RuleParamsSchema,
  RuleUpdateBodySchema,
  StudentIdParamsSchema,
  StudentPortraitSchema,
  TeacherPortraitSchema,
  WarningActionBodySchema,
  WarningActionParamsSchema,
  WarningListQuerySchema,
  WarningListSchema,
} from '../../../../types/portrait';
import { BEARER_AUTH, errorResponses } from '../../shared/http-schemas';
import { recomputePortraits } from './portrait.recompute';
import { createRecomputeQueue, recomputePending, runPendingRecompute } from './portrait.recompute-queue';
import { createPortraitService } from './portrait.service';

const RECOMPUTE_CHECK_EVERY_MS = 30_000;

export const portraitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // a rule edit's full recompute: claimed through the database (one process runs it), queued here
  // so this process never runs two at once
  const owner = `portrait-${randomUUID()}`;
  const recompute = createRecomputeQueue(
    async () => {
      await app.datacenterReady();
      await runPendingRecompute(
        app.db,
        async () => {
          const report = await recomputePortraits(app.db, { students: 'all' });
          app.log.info({ students: report.studentsRecomputed, warningsRaised: report.warningsRaised, ms: report.milliseconds }, 'portraits recomputed after a rule change');
        },
        { owner },
      );
    },
    (error) => app.log.error({ err: error }, 'portrait recompute after a rule change failed'),
  );
  // work left by a process that died mid-run (its lease ran out) is taken over by the next check
  if (app.config.env !== 'test') {
    const timer = setInterval(() => void recompute.request(), RECOMPUTE_CHECK_EVERY_MS);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
  // a rule edit's recompute finishes (or fails) before the database closes
  app.addHook('onClose', async () => recompute.idle());
  const service = createPortraitService(app.db, () => app.datacenterReady(), { request: () => recompute.request(), pending: () => recomputePending(app.db) });
  const tags = ['portrait'];

  app.get(
    '/portrait/students/:id',
    {
      schema: {
        tags,
        summary: '学生个人画像（按查看者的关系返回字段组）',
        description:
          '本人：概况、学业、雷达、标签、生活、预警（不含贫困关注）；辅导员（本班学生）：全部含贫困关注；家长：学生允许的部分（默认仅学业概况）；管理员只能看汇总画像。查看他人画像写审计日志。',
        security: BEARER_AUTH,
        params: StudentIdParamsSchema,
        response: { 200: StudentPortraitSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.studentPortrait(request.auth, request.params.id),
  );

  app.get(
    '/portrait/counselor/classes',
    {
      schema: {
        tags,
        summary: '辅导员：所带班级的学生画像概况与预警数',
        security: BEARER_AUTH,
        response: { 200: CounselorClassesSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => service.counselorClasses(request.auth),
  );

  app.get(
    '/portrait/warnings',
    {
      schema: {
        tags,
        summary: '辅导员：所带班级学生的预警列表',
        description: 'status 默认 active（待处理 + 已知悉）；sort：level（红 > 橙 > 黄，默认）、raisedAt（最新）、class（按班级学号）。',
        security: BEARER_AUTH,
        querystring: WarningListQuerySchema,
        response: { 200: WarningListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.warnings(request.auth, request.query),
  );

  app.post(
    '/portrait/warnings/:id/:action',
    {
      schema: {
        tags,
        summary: '辅导员：知悉（acknowledge）或处理完成（resolve）一条预警',
        description: '条件更新：重复点击只生效一次；已随数据自动解除的预警返回 409。',
        security: BEARER_AUTH,
        params: WarningActionParamsSchema,
        body: WarningActionBodySchema,
        response: { 200: PortraitWarningSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request) => service.actOnWarning(request.auth, request.params.id, request.params.action, request.body?.note),
  );

  app.get(
    '/portrait/teachers/:id',
    {
      schema: {
        tags,
        summary: '教师个人画像（仅本人）',
        security: BEARER_AUTH,
        params: StudentIdParamsSchema,
        response: { 200: TeacherPortraitSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.teacherPortrait(request.auth, request.params.id),
  );

  app.get(
    '/portrait/majors',
    {
      schema: { tags, summary: '管理员：各专业汇总画像', security: BEARER_AUTH, response: { 200: MajorListSchema, ...errorResponses(401, 403) } },
    },
    async (request) => service.majors(request.auth),
  );

  app.get(
    '/portrait/majors/:id',
    {
      schema: {
        tags,
        summary: '管理员：专业画像（GPA 分布、成绩分布、及格率、GPA 趋势、课程）',
        security: BEARER_AUTH,
        params: MajorParamsSchema,
        response: { 200: MajorPortraitSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.major(request.auth, request.params.id),
  );

  app.get(
    '/portrait/courses/:code',
    {
      schema: {
        tags,
        summary: '管理员：课程画像（成绩分布、及格率、逐学期趋势）',
        security: BEARER_AUTH,
        params: CourseParamsSchema,
        response: { 200: CoursePortraitSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.course(request.auth, request.params.code),
  );

  app.get(
    '/portrait/rules',
    {
      schema: { tags, summary: '管理员：标签与预警规则（阈值）', security: BEARER_AUTH, response: { 200: PortraitRuleListSchema, ...errorResponses(401, 403) } },
    },
    async (request) => service.rules(request.auth),
  );

  app.put(
    '/portrait/rules/:key',
    {
      schema: {
        tags,
        summary: '管理员：修改规则阈值或启停（随后在后台重算全部画像，GET /portrait/rules 的 recomputing 表示是否仍在重算）',
        security: BEARER_AUTH,
        params: RuleParamsSchema,
        body: RuleUpdateBodySchema,
        response: { 200: PortraitRuleSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.updateRule(request.auth, request.params.key, request.body),
  );
};
