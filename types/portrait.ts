/**
 * Personal portraits (issue 7): the shapes the portrait API returns. A student portrait comes in
 * field groups; each group is present only when the viewer may see it (see PORTRAIT_GROUPS).
 */
import { Type, type Static } from '@sinclair/typebox';

export { COURSE_TYPE_LABELS, WARNING_LABELS, WARNING_LEVEL_LABELS } from './portrait-labels';

export const CourseTypeSchema = Type.Union([Type.Literal('required'), Type.Literal('elective'), Type.Literal('general')]);
export type CourseType = Static<typeof CourseTypeSchema>;

export const WarningKindSchema = Type.Union([Type.Literal('academic'), Type.Literal('lost_contact'), Type.Literal('poverty')]);
export type WarningKind = Static<typeof WarningKindSchema>;
export const WarningLevelSchema = Type.Union([Type.Literal('yellow'), Type.Literal('orange'), Type.Literal('red')]);
export type WarningLevel = Static<typeof WarningLevelSchema>;
export const WarningStatusSchema = Type.Union([Type.Literal('open'), Type.Literal('acknowledged'), Type.Literal('resolved'), Type.Literal('cleared')]);
export type WarningStatus = Static<typeof WarningStatusSchema>;

/** The field groups of a student portrait, and who sees which (the service enforces it). */
export const PORTRAIT_GROUPS = ['summary', 'academic', 'radar', 'tags', 'life', 'warnings', 'poverty'] as const;
export type PortraitGroup = (typeof PORTRAIT_GROUPS)[number];

export const SemesterGpaSchema = Type.Object({
  semester: Type.String(),
  gpa: Type.Number(),
  credits: Type.Number(),
  failedCredits: Type.Number(),
  averageScore: Type.Number(),
});
export type SemesterGpa = Static<typeof SemesterGpaSchema>;

export const CreditProgressSchema = Type.Object({
  category: CourseTypeSchema,
  earned: Type.Number(),
  required: Type.Number(),
});

export const RadarDimensionSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  score: Type.Number({ description: '0–100' }),
  /** how it was computed, in Chinese: the named facts and their weights */
  basis: Type.String(),
});
export type RadarDimension = Static<typeof RadarDimensionSchema>;

export const PortraitTagSchema = Type.Object({
  key: Type.String(),
  kind: Type.Union([Type.Literal('static'), Type.Literal('dynamic'), Type.Literal('model'), Type.Literal('warning')]),
  label: Type.String(),
  level: Type.Optional(WarningLevelSchema),
  /** plain Chinese: the facts and the rule behind the tag */
  why: Type.String(),
});
export type PortraitTag = Static<typeof PortraitTagSchema>;

export const PortraitWarningSchema = Type.Object({
  id: Type.String(),
  studentId: Type.String(),
  studentName: Type.String(),
  studentNumber: Type.String(),
  className: Type.String(),
  kind: WarningKindSchema,
  label: Type.String(),
  level: WarningLevelSchema,
  why: Type.String(),
  status: WarningStatusSchema,
  raisedAt: Type.String(),
  updatedAt: Type.String(),
  note: Type.Optional(Type.String()),
});
export type PortraitWarning = Static<typeof PortraitWarningSchema>;

export const StudentPortraitSchema = Type.Object({
  student: Type.Object({
    id: Type.String(),
    name: Type.String(),
    number: Type.String(),
    className: Type.String(),
    major: Type.String(),
    college: Type.String(),
  }),
  /** which groups the viewer got */
  groups: Type.Array(Type.String()),
  computedAt: Type.Optional(Type.String()),
  summary: Type.Optional(
    Type.Object({
      cumulativeGpa: Type.Union([Type.Number(), Type.Null()]),
      creditsEarned: Type.Number(),
      creditsRequired: Type.Number(),
      rankInMajor: Type.Union([Type.Integer(), Type.Null()]),
      majorSize: Type.Union([Type.Integer(), Type.Null()]),
      majorPercentile: Type.Union([Type.Number(), Type.Null()]),
      rankInClass: Type.Union([Type.Integer(), Type.Null()]),
      classSize: Type.Union([Type.Integer(), Type.Null()]),
      gpaFormula: Type.String(),
    }),
  ),
  academic: Type.Optional(
    Type.Object({
      semesters: Type.Array(SemesterGpaSchema),
      credits: Type.Array(CreditProgressSchema),
      failedCredits: Type.Number(),
      failedCourses: Type.Array(Type.Object({ semester: Type.String(), name: Type.String(), credits: Type.Number(), score: Type.Number() })),
      trend: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('flat'), Type.Literal('unknown')]),
      coursePreferences: Type.Array(Type.Object({ category: CourseTypeSchema, credits: Type.Number(), averageScore: Type.Number() })),
      attendanceRate: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  radar: Type.Optional(Type.Array(RadarDimensionSchema)),
  tags: Type.Optional(Type.Array(PortraitTagSchema)),
  life: Type.Optional(
    Type.Object({
      breakfastRate: Type.Union([Type.Number(), Type.Null()]),
      breakfastRateEarlier: Type.Union([Type.Number(), Type.Null()]),
      spend30dYuan: Type.Number(),
      cohortMedianSpend30dYuan: Type.Union([Type.Number(), Type.Null()]),
      monthlySpend: Type.Array(Type.Object({ month: Type.String(), yuan: Type.Number() })),
      libraryLoans90d: Type.Integer(),
      libraryTopCategory: Type.Union([Type.String(), Type.Null()]),
      lastActivityAt: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  warnings: Type.Optional(Type.Array(PortraitWarningSchema)),
});
export type StudentPortrait = Static<typeof StudentPortraitSchema>;

export const StudentIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const CounselorStudentSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  number: Type.String(),
  cumulativeGpa: Type.Union([Type.Number(), Type.Null()]),
  failedCredits: Type.Number(),
  rankInClass: Type.Union([Type.Integer(), Type.Null()]),
  warnings: Type.Array(Type.Object({ kind: WarningKindSchema, level: WarningLevelSchema })),
});
export const CounselorClassesSchema = Type.Object({
  classes: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      averageGpa: Type.Union([Type.Number(), Type.Null()]),
      openWarnings: Type.Integer(),
      students: Type.Array(CounselorStudentSchema),
    }),
  ),
});
export type CounselorClasses = Static<typeof CounselorClassesSchema>;

export const WarningListQuerySchema = Type.Object(
  {
    status: Type.Optional(Type.Union([WarningStatusSchema, Type.Literal('active'), Type.Literal('all')])),
    kind: Type.Optional(WarningKindSchema),
    sort: Type.Optional(Type.Union([Type.Literal('level'), Type.Literal('raisedAt'), Type.Literal('class')])),
  },
  { additionalProperties: false },
);
export type WarningListQuery = Static<typeof WarningListQuerySchema>;
export const WarningListSchema = Type.Object({ warnings: Type.Array(PortraitWarningSchema) });
export type WarningList = Static<typeof WarningListSchema>;
export const WarningActionParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
  action: Type.Union([Type.Literal('acknowledge'), Type.Literal('resolve')]),
});
export const WarningActionBodySchema = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });

export const TeacherPortraitSchema = Type.Object({
  teacher: Type.Object({ id: Type.String(), name: Type.String(), number: Type.String(), title: Type.String(), college: Type.String() }),
  timeline: Type.Array(Type.Object({ title: Type.String(), since: Type.String() })),
  outputByYear: Type.Array(Type.Object({ year: Type.Integer(), papers: Type.Integer(), patents: Type.Integer(), books: Type.Integer(), projects: Type.Integer(), fundingWan: Type.Number() })),
  evaluations: Type.Array(Type.Object({ semester: Type.String(), score: Type.Number(), collegeAverage: Type.Union([Type.Number(), Type.Null()]) })),
  supervisionAverage: Type.Union([Type.Number(), Type.Null()]),
  teaching: Type.Object({ courses: Type.Integer(), students: Type.Integer(), hours: Type.Integer(), semesters: Type.Integer() }),
  radar: Type.Array(RadarDimensionSchema),
  computedAt: Type.Optional(Type.String()),
});
export type TeacherPortrait = Static<typeof TeacherPortraitSchema>;

export const DistributionSchema = Type.Array(Type.Object({ band: Type.String(), count: Type.Integer() }));
/** A figure withheld when fewer than MIN_GROUP_SIZE (types/portrait-labels.ts) people stand behind it. */
const Withheld = Type.Union([Type.Number(), Type.Null()]);

export const MajorListSchema = Type.Object({
  majors: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      college: Type.String(),
      students: Type.Integer(),
      averageGpa: Type.Union([Type.Number(), Type.Null()]),
      passRate: Type.Union([Type.Number(), Type.Null()]),
      warnings: Type.Integer(),
      /** fewer than MIN_GROUP_SIZE students: GPA and pass rate are withheld */
      suppressed: Type.Boolean(),
    }),
  ),
});
export type MajorList = Static<typeof MajorListSchema>;
export const MajorPortraitSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  college: Type.String(),
  students: Type.Integer(),
  gpaDistribution: DistributionSchema,
  scoreDistribution: DistributionSchema,
  passRate: Withheld,
  gpaTrend: Type.Array(Type.Object({ semester: Type.String(), averageGpa: Withheld })),
  courses: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), type: CourseTypeSchema, takers: Type.Integer(), passRate: Withheld, averageScore: Withheld })),
  /** the major has fewer than MIN_GROUP_SIZE students: distributions empty, figures null */
  suppressed: Type.Boolean(),
});
export type MajorPortrait = Static<typeof MajorPortraitSchema>;
export const CoursePortraitSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  type: CourseTypeSchema,
  takers: Type.Integer(),
  passRate: Withheld,
  averageScore: Withheld,
  scoreDistribution: DistributionSchema,
  /** a semester with fewer than MIN_GROUP_SIZE takers keeps its count, its figures are null */
  trend: Type.Array(Type.Object({ semester: Type.String(), averageScore: Withheld, passRate: Withheld, takers: Type.Integer() })),
  suppressed: Type.Boolean(),
});
export type CoursePortrait = Static<typeof CoursePortraitSchema>;
export const MajorParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
export const CourseParamsSchema = Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) });

export const PortraitRuleSchema = Type.Object({
  key: Type.String(),
  kind: Type.Union([Type.Literal('config'), Type.Literal('static'), Type.Literal('dynamic'), Type.Literal('model'), Type.Literal('warning')]),
  label: Type.String(),
  description: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Record(Type.String(), Type.Number())])),
  enabled: Type.Boolean(),
  updatedAt: Type.Optional(Type.String()),
});
export type PortraitRule = Static<typeof PortraitRuleSchema>;
export const PortraitRuleListSchema = Type.Object({
  rules: Type.Array(PortraitRuleSchema),
  /** a rule edit's full recompute is still running in this server process */
  recomputing: Type.Boolean(),
});
export const RuleParamsSchema = Type.Object({ key: Type.String({ minLength: 1, maxLength: 50 }) });
export const RuleUpdateBodySchema = Type.Object(
  {
    params: Type.Optional(Type.Record(Type.String({ maxLength: 50 }), Type.Union([Type.Number(), Type.String({ maxLength: 50 }), Type.Record(Type.String({ maxLength: 50 }), Type.Number())]), { maxProperties: 20 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RuleUpdateBody = Static<typeof RuleUpdateBodySchema>;
