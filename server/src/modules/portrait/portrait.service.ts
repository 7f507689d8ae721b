/**
 * Portraits, access first. A student portrait is served in field groups (types/portrait.ts
 * PORTRAIT_GROUPS) and each viewer gets only theirs:
 *
 * | group     | self | counselor (own classes) | parent (as the student allows)        | admin / teacher |
 * |-----------|------|-------------------------|---------------------------------------|-----------------|
 * | summary   | ✓    | ✓                       | portraitSummary (default on)          | –               |
 * | academic  | ✓    | ✓                       | portrait (default off)                | –               |
 * | radar     | ✓    | ✓                       | portrait                              | –               |
 * | tags      | ✓ (no 贫困关注) | ✓             | portrait: static and model tags only  | –               |
 * | life      | ✓    | ✓                       | never (card, library, gates)          | –               |
 * | warnings  | ✓ (no 贫困关注) | ✓             | portraitWarnings (default off), no 贫困关注 | –         |
 * | poverty   | –    | ✓                       | –                                     | –               |
 *
 * Admins see major and course aggregates only. Every view of someone else's portrait writes an
 * audit row: who, whose, when, which groups.
 */
import type { Kysely } from 'kysely';
import type {
  CounselorClasses,
  PortraitGroup,
  PortraitRule,
  PortraitTag,
  RuleUpdateBody,
  StudentPortrait,
  TeacherPortrait,
  WarningListQuery,
  WarningStatus,
} from '../../../../types/portrait';
import type { Database } from '../../db/schema';
import { toDate } from '../../db/schema';
import { hasRole, requireAuth, requireReadPerson, requireRole, type AuthContext } from '../../shared/access';
import { AppError, forbidden, notFound } from '../../shared/errors';
import { parentVisibilityOf } from '../identity/me-detail';
import { coursePortrait, listMajors, majorPortrait } from './portrait.aggregates';
import { requestRecompute } from './portrait.recompute-queue';
import * as repository from './portrait.repository';
import { paramProblems, RULE_DEFINITIONS, ruleDefinition } from './portrait.rules';

const conflict = (message: string) => new AppError(409, 'CONFLICT', message);

export const GPA_FORMULA = 'GPA = Σ(课程绩点 × 学分) ÷ Σ学分';

export function createPortraitService(
  db: Kysely<Database>,
  whenReady: () => Promise<void>,
  /** rule edits recompute every portrait in the background: start it, and ask whether it is still running */
  recompute: { request(): Promise<void>; pending(): Promise<boolean> },
) {
  async function groupsFor(auth: AuthContext, studentId: string): Promise<{ relation: 'self' | 'counselor' | 'parent'; groups: PortraitGroup[] }> {
    const relation = await requireReadPerson(db, auth, studentId);
    if (relation === 'admin') throw forbidden('管理员只能查看专业、课程等汇总画像，不能查看个人画像');
    if (relation === 'self') return { relation, groups: ['summary', 'academic', 'radar', 'tags', 'life', 'warnings'] };
    if (relation === 'counselor') return { relation, groups: ['summary', 'academic', 'radar', 'tags', 'life', 'warnings', 'poverty'] };
    const visibility = await parentVisibilityOf(db, studentId);
    const groups: PortraitGroup[] = [];
    if (visibility.portraitSummary !== false) groups.push('summary');
    if (visibility.portrait) groups.push('academic', 'radar', 'tags');
    if (visibility.portraitWarnings) groups.push('warnings');
    if (!groups.length) throw forbidden('该学生未向家长公开学业画像');
    return { relation, groups };
  }

  return {
    async studentPortrait(auth: AuthContext | null, studentId: string): Promise<StudentPortrait> {
      requireAuth(auth);
      const { relation, groups } = await groupsFor(auth, studentId);
      await whenReady();
      const has = (group: PortraitGroup) => groups.includes(group);
      // independent reads at once (PostgreSQL runs them on separate connections)
      const [student, stored, storedTags, storedWarnings] = await Promise.all([
        repository.findStudent(db, studentId),
        repository.findPortrait(db, studentId),
        has('tags') ? repository.listTags(db, studentId) : Promise.resolve([]),
        has('warnings') ? repository.listWarnings(db, { studentId, statuses: ['open', 'acknowledged'] }) : Promise.resolve([]),
      ]);
      if (!student || student.kind !== 'student') throw notFound('没有该学生的画像');
      const x = stored?.indicators;
      const portrait: StudentPortrait = {
        student: { id: student.id, name: student.name, number: student.number, className: student.class_name ?? '', major: student.major_name ?? '', college: student.college_name ?? '' },
        groups: [...groups],
        ...(stored ? { computedAt: stored.computedAt } : {}),
      };
      if (has('summary')) {
        portrait.summary = {
          cumulativeGpa: x?.cumulativeGpa ?? null,
          creditsEarned: x?.creditsEarned ?? 0,
          creditsRequired: x?.creditsRequired ?? 0,
          rankInMajor: stored?.rank_major ?? null,
          majorSize: stored?.major_size ?? null,
          majorPercentile: stored?.rank_major && stored.major_size ? Math.max(1, Math.round((stored.rank_major / stored.major_size) * 100)) : null,
          rankInClass: stored?.rank_class ?? null,
          classSize: stored?.class_size ?? null,
          gpaFormula: GPA_FORMULA,
        };
      }
      if (has('academic') && x) {
        portrait.academic = {
          semesters: x.semesters,
          credits: x.credits,
          failedCredits: x.failedCredits,
          failedCourses: x.failedCourses,
          trend: x.trend,
          coursePreferences: x.coursePreferences,
          attendanceRate: x.attendanceRate,
        };
      }
      if (has('radar') && x) portrait.radar = x.radar;
      if (has('tags')) {
        const tags = storedTags;
        const allowed = (tag: PortraitTag) => {
          if (tag.key === 'poverty') return has('poverty');
          if (relation === 'parent') return tag.kind === 'static' || tag.kind === 'model';
          return true;
        };
        portrait.tags = tags.filter(allowed);
      }
      if (has('life') && x) {
        const cohort = x.cohortMedianSpend ?? null;
        portrait.life = {
          breakfastRate: x.breakfastRate,
          breakfastRateEarlier: x.breakfastRateEarlier,
          spend30dYuan: Math.round(x.spend30d / 100),
          cohortMedianSpend30dYuan: cohort === null ? null : Math.round(cohort / 100),
          monthlySpend: x.monthlySpend,
          libraryLoans90d: x.libraryLoans90d,
          libraryTopCategory: x.libraryTopCategory,
          lastActivityAt: x.lastActivityAt,
        };
      }
      if (has('warnings')) {
        portrait.warnings = storedWarnings.filter((warning) => warning.kind !== 'poverty' || has('poverty'));
      }
      if (relation !== 'self') {
        await repository.audit(db, { actorId: auth.personId, action: 'portrait.view', target: `person:${studentId}`, detail: { relation, parts: groups } });
      }
      return portrait;
    },

    async counselorClasses(auth: AuthContext | null): Promise<CounselorClasses> {
      requireRole(auth, 'counselor');
      await whenReady();
      const classes = await repository.counselorClasses(db, auth.personId);
      const students = await repository.classStudents(db, classes.map((group) => group.id));
      const warnings = await repository.listWarnings(db, { counselorId: auth.personId, statuses: ['open', 'acknowledged'] });
      const warningsOf = new Map<string, { kind: (typeof warnings)[number]['kind']; level: (typeof warnings)[number]['level'] }[]>();
      for (const warning of warnings) warningsOf.set(warning.studentId, [...(warningsOf.get(warning.studentId) ?? []), { kind: warning.kind, level: warning.level }]);
      const result: CounselorClasses = {
        classes: classes.map((group) => {
          const members = students.filter((student) => student.class_id === group.id);
          const gpas = members.map((member) => member.cumulative_gpa).filter((gpa): gpa is number => gpa !== null).map(Number);
          return {
            id: group.id,
            name: group.name,
            averageGpa: gpas.length ? Math.round((gpas.reduce((a, b) => a + b, 0) / gpas.length) * 100) / 100 : null,
            openWarnings: members.reduce((sum, member) => sum + (warningsOf.get(member.id)?.length ?? 0), 0),
            students: members.map((member) => ({
              id: member.id,
              name: member.name,
              number: member.number,
              cumulativeGpa: member.cumulative_gpa === null ? null : Number(member.cumulative_gpa),
              failedCredits: Number(member.failed_credits ?? 0),
              rankInClass: member.rank_class ?? null,
              warnings: warningsOf.get(member.id) ?? [],
            })),
          };
        }),
      };
      for (const group of result.classes) {
        await repository.audit(db, { actorId: auth.personId, action: 'portrait.list', target: `class:${group.id}`, detail: { students: group.students.length, parts: ['summary', 'warnings', 'poverty'] } });
      }
      return result;
    },

    async warnings(auth: AuthContext | null, query: WarningListQuery) {
      requireRole(auth, 'counselor');
      await whenReady();
      const status = query.status ?? 'active';
      const statuses: WarningStatus[] = status === 'all' ? [] : status === 'active' ? ['open', 'acknowledged'] : [status];
      const warnings = await repository.listWarnings(db, { counselorId: auth.personId, statuses, ...(query.kind ? { kinds: [query.kind] } : {}) }, query.sort ?? 'level');
      await repository.audit(db, { actorId: auth.personId, action: 'portrait.warnings', target: `counselor:${auth.personId}`, detail: { students: [...new Set(warnings.map((w) => w.studentId))], parts: ['warnings', 'poverty'] } });
      return { warnings };
    },

    /** acknowledge: open → acknowledged; resolve: open / acknowledged → resolved. Repeating an action is a no-op. */
    async actOnWarning(auth: AuthContext | null, id: string, action: 'acknowledge' | 'resolve', note: string | undefined) {
      requireRole(auth, 'counselor');
      const warning = await repository.findWarning(db, id);
      if (!warning || warning.counselor_id !== auth.personId) throw forbidden('只能处理自己所带班级学生的预警');
      const target: WarningStatus = action === 'acknowledge' ? 'acknowledged' : 'resolved';
      const from: WarningStatus[] = action === 'acknowledge' ? ['open'] : ['open', 'acknowledged'];
      const moved = await repository.moveWarning(db, id, from, target, auth.personId, note);
      if (!moved) {
        const current = await repository.findWarning(db, id);
        const done = current?.status === target || (action === 'acknowledge' && current?.status === 'resolved');
        if (!done) throw conflict(current?.status === 'cleared' ? '该预警已随数据更新自动解除' : '预警状态已变化，请刷新后重试');
      } else {
        await repository.audit(db, { actorId: auth.personId, action: `portrait.warning.${action}`, target: `person:${warning.student_id}`, detail: { warning: id, ...(note ? { note } : {}) } });
      }
      const [result] = await repository.listWarnings(db, { studentId: warning.student_id }).then((list) => list.filter((w) => w.id === id));
      return result!;
    },

    async teacherPortrait(auth: AuthContext | null, teacherId: string): Promise<TeacherPortrait> {
      requireAuth(auth);
      if (teacherId !== auth.personId || !hasRole(auth, 'teacher')) throw forbidden('只能查看自己的教师画像');
      await whenReady();
      const row = await repository.findTeacherPortrait(db, teacherId);
      if (!row) throw notFound('没有教师画像');
      const indicators = row.indicators ? (JSON.parse(row.indicators) as Omit<TeacherPortrait, 'teacher'>) : null;
      return {
        teacher: { id: row.id, name: row.name, number: row.number, title: row.title ?? '', college: row.college_name ?? '' },
        timeline: indicators?.timeline ?? [],
        outputByYear: indicators?.outputByYear ?? [],
        evaluations: indicators?.evaluations ?? [],
        supervisionAverage: indicators?.supervisionAverage ?? null,
        teaching: indicators?.teaching ?? { courses: 0, students: 0, hours: 0, semesters: 0 },
        radar: indicators?.radar ?? [],
        ...(row.computed_at ? { computedAt: toDate(row.computed_at).toISOString() } : {}),
      };
    },

    async majors(auth: AuthContext | null) {
      requireRole(auth, 'admin');
      await whenReady();
      return listMajors(db);
    },

    async major(auth: AuthContext | null, id: string) {
      requireRole(auth, 'admin');
      await whenReady();
      const portrait = await majorPortrait(db, id);
      if (!portrait) throw notFound('没有该专业');
      return portrait;
    },

    async course(auth: AuthContext | null, code: string) {
      requireRole(auth, 'admin');
      await whenReady();
      const portrait = await coursePortrait(db, code);
      if (!portrait) throw notFound('没有该课程的成绩');
      return portrait;
    },

    async rules(auth: AuthContext | null): Promise<{ rules: PortraitRule[]; recomputing: boolean }> {
      requireRole(auth, 'admin');
      await whenReady();
      const rows = await db.selectFrom('portrait_rules').selectAll().execute();
      const byKey = new Map(rows.map((row) => [row.key, row]));
      return {
        rules: RULE_DEFINITIONS.map((definition) => {
          const row = byKey.get(definition.key);
          return {
            key: definition.key,
            kind: definition.kind,
            label: definition.label,
            description: definition.description,
            params: row ? JSON.parse(row.params) : definition.params,
            enabled: row ? Number(row.enabled) === 1 : true,
            ...(row ? { updatedAt: toDate(row.updated_at).toISOString() } : {}),
          };
        }),
        recomputing: await recompute.pending(),
      };
    },

    /** Changes a rule's thresholds (merged into the current ones); every portrait is recomputed in the background. */
    async updateRule(auth: AuthContext | null, key: string, body: RuleUpdateBody): Promise<PortraitRule> {
      requireRole(auth, 'admin');
      await whenReady();
      const definition = ruleDefinition(key);
      if (!definition) throw notFound('没有该规则');
      const row = await db.selectFrom('portrait_rules').selectAll().where('key', '=', key).executeTakeFirst();
      const current = row ? JSON.parse(row.params) : definition.params;
      const params = { ...current, ...(body.params ?? {}) };
      const problems = paramProblems(key, params);
      if (problems.length) throw new AppError(400, 'VALIDATION_FAILED', '规则参数不正确', problems.map((message) => ({ field: `/params${message.split(':')[0] === '/' ? '' : message.split(':')[0]}`, message })));
      const enabled = body.enabled ?? (row ? Number(row.enabled) === 1 : true);
      const now = new Date().toISOString();
      // the rule, its audit row and the request for a recompute commit together
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('portrait_rules')
          .values({ key, kind: definition.kind, label: definition.label, params: JSON.stringify(params), enabled: enabled ? 1 : 0, updated_at: now, updated_by: auth.personId })
          .onConflict((oc) => oc.column('key').doUpdateSet({ params: JSON.stringify(params), enabled: enabled ? 1 : 0, updated_at: now, updated_by: auth.personId }))
          .execute();
        await repository.audit(trx, { actorId: auth.personId, action: 'portrait.rule.update', target: `rule:${key}`, detail: { params, enabled } });
        await requestRecompute(trx);
      });
      void recompute.request();
      return { key, kind: definition.kind, label: definition.label, description: definition.description, params, enabled, updatedAt: now };
    },
  };
}

export type PortraitService = ReturnType<typeof createPortraitService>;
