/**
 * Staff walking challenge (教职工健步走, issue 6): the contract between the walk subpackage and
 * the campus server. Days are calendar days in China time (UTC+8), written `YYYY-MM-DD`.
 */
import { Type, type Static } from '@sinclair/typebox';

/** More than this in one day is not a person walking: rejected and recorded for the admin. */
export const MAX_STEPS_PER_DAY = 100_000;
/** WeChat Run hands out the last 31 days; DingTalk's step API takes at most 31 dates. */
export const SYNC_DAYS = 31;

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD（北京时间）' });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const ChallengeIdParamsSchema = Type.Object({ id: Id }, { additionalProperties: false });

export const WalkScopeSchema = Type.Union([Type.Literal('all'), Type.Literal('departments')]);
export const WalkTeamModeSchema = Type.Union([Type.Literal('department'), Type.Literal('group')]);
export const WalkJoinModeSchema = Type.Union([Type.Literal('auto'), Type.Literal('opt_in')]);

/** A union group (工会小组) gathers whole departments into one team. */
export const WalkGroupSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40 }),
    departments: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);

export const ChallengeInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    startDate: Day,
    endDate: Day,
    scope: WalkScopeSchema,
    /** scope 'departments': who takes part */
    departments: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 200 })),
    teamMode: WalkTeamModeSchema,
    /** teamMode 'group' */
    groups: Type.Optional(Type.Array(WalkGroupSchema, { maxItems: 100 })),
    dailyGoal: Type.Integer({ minimum: 1000, maximum: 50_000 }),
    /** steps above this in a day are shown but do not count */
    dailyCap: Type.Integer({ minimum: 1000, maximum: MAX_STEPS_PER_DAY }),
    joinMode: WalkJoinModeSchema,
  },
  { additionalProperties: false },
);
export type ChallengeInput = Static<typeof ChallengeInputSchema>;

export const ChallengeStatusSchema = Type.Union([Type.Literal('upcoming'), Type.Literal('running'), Type.Literal('ended')]);

export const ChallengeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  status: ChallengeStatusSchema,
  scope: WalkScopeSchema,
  departments: Type.Array(Type.String()),
  teamMode: WalkTeamModeSchema,
  groups: Type.Array(WalkGroupSchema),
  dailyGoal: Type.Integer(),
  dailyCap: Type.Integer(),
  joinMode: WalkJoinModeSchema,
  participants: Type.Integer({ description: '已同意使用步数的参与人数' }),
  /** the caller takes part (auto-joined or opted in) */
  joined: Type.Boolean(),
  /** the caller agreed to the use of their step data in this challenge */
  consented: Type.Boolean(),
  /** the caller left this challenge (and is not joined again automatically); they may join again */
  left: Type.Boolean(),
});
export type Challenge = Static<typeof ChallengeSchema>;

export const ChallengeListSchema = Type.Object({ challenges: Type.Array(ChallengeSchema) });
export type ChallengeList = Static<typeof ChallengeListSchema>;

export const MyWalkSchema = Type.Object({
  today: Type.String(),
  /** raw steps today (shown even above the cap) */
  todaySteps: Type.Integer(),
  /** what counts today (capped) */
  todayCounted: Type.Integer(),
  /** todayCounted / dailyGoal, 0..1 */
  goalProgress: Type.Number(),
  /** whole challenge, counted steps */
  total: Type.Integer(),
  /** whole-challenge rank among participants with steps; null without steps */
  rank: Type.Union([Type.Integer(), Type.Null()]),
  /** steps to pass the next place up; null when first or without steps */
  gapToNext: Type.Union([Type.Integer(), Type.Null()]),
  daysAtGoal: Type.Integer(),
  daysElapsed: Type.Integer(),
  /** daysAtGoal / daysElapsed, 0..1 */
  goalShare: Type.Number(),
  /** consecutive days at goal up to today (today counts once reached) */
  streak: Type.Integer(),
  lastSyncedAt: Type.Union([Type.String(), Type.Null()]),
});
export type MyWalk = Static<typeof MyWalkSchema>;

export const ChallengeDetailSchema = Type.Object({
  challenge: ChallengeSchema,
  me: Type.Union([MyWalkSchema, Type.Null()]),
});
export type ChallengeDetail = Static<typeof ChallengeDetailSchema>;

export const JoinBodySchema = Type.Object(
  { consent: Type.Literal(true, { description: '明确同意在本活动中使用我的步数数据' }) },
  { additionalProperties: false },
);

export const LeaderboardPeriodSchema = Type.Union([Type.Literal('today'), Type.Literal('week'), Type.Literal('all')]);
export type LeaderboardPeriod = Static<typeof LeaderboardPeriodSchema>;
export const LeaderboardBoardSchema = Type.Union([Type.Literal('people'), Type.Literal('departments')]);
export type LeaderboardBoard = Static<typeof LeaderboardBoardSchema>;
export const DepartmentSortSchema = Type.Union([Type.Literal('average'), Type.Literal('total')]);
export type DepartmentSort = Static<typeof DepartmentSortSchema>;

export const LeaderboardQuerySchema = Type.Object(
  {
    period: Type.Optional(LeaderboardPeriodSchema),
    board: Type.Optional(LeaderboardBoardSchema),
    sort: Type.Optional(DepartmentSortSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type LeaderboardQuery = Static<typeof LeaderboardQuerySchema>;

export const PersonEntrySchema = Type.Object({
  rank: Type.Integer(),
  personId: Type.String(),
  name: Type.String(),
  team: Type.String(),
  steps: Type.Integer(),
  /** likes on this person's day (today's board only) */
  likes: Type.Integer(),
  likedByMe: Type.Boolean(),
});
export type PersonEntry = Static<typeof PersonEntrySchema>;

export const TeamEntrySchema = Type.Object({
  rank: Type.Integer(),
  team: Type.String(),
  members: Type.Integer(),
  total: Type.Integer(),
  average: Type.Integer(),
});
export type TeamEntry = Static<typeof TeamEntrySchema>;

export const LeaderboardSchema = Type.Object({
  period: LeaderboardPeriodSchema,
  board: LeaderboardBoardSchema,
  sort: DepartmentSortSchema,
  /** today's date, or the Monday the week starts, or the challenge's start */
  from: Type.String(),
  people: Type.Array(PersonEntrySchema),
  departments: Type.Array(TeamEntrySchema),
  me: Type.Union([
    Type.Object({ rank: Type.Union([Type.Integer(), Type.Null()]), steps: Type.Integer(), gapToNext: Type.Union([Type.Integer(), Type.Null()]) }),
    Type.Null(),
  ]),
});
export type Leaderboard = Static<typeof LeaderboardSchema>;

export const LikeBodySchema = Type.Object({ personId: Id }, { additionalProperties: false });
export const LikeResultSchema = Type.Object({ likes: Type.Integer(), likedByMe: Type.Boolean() });
export type LikeResult = Static<typeof LikeResultSchema>;

const Base64 = Type.String({ minLength: 4, maxLength: 16_384, description: 'Base64' });
export const WechatSyncBodySchema = Type.Object({ encryptedData: Base64, iv: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export type WechatSyncBody = Static<typeof WechatSyncBodySchema>;

export const SyncResultSchema = Type.Object({
  /** days stored (new or changed) */
  changed: Type.Integer(),
  days: Type.Integer(),
  todaySteps: Type.Integer(),
  syncedAt: Type.String(),
});
export type SyncResult = Static<typeof SyncResultSchema>;

export const HistoryQuerySchema = Type.Object(
  { days: Type.Optional(Type.Union([Type.Literal(7), Type.Literal(30)])), challengeId: Type.Optional(Id) },
  { additionalProperties: false },
);
export const HistorySchema = Type.Object({
  days: Type.Array(Type.Object({ day: Type.String(), steps: Type.Integer() })),
  goal: Type.Union([Type.Integer(), Type.Null()]),
});
export type History = Static<typeof HistorySchema>;

export const RejectionListSchema = Type.Object({
  rejections: Type.Array(
    Type.Object({ personId: Type.String(), name: Type.String(), day: Type.String(), steps: Type.Integer(), source: Type.String(), reason: Type.String(), at: Type.String() }),
  ),
});
export type RejectionList = Static<typeof RejectionListSchema>;
