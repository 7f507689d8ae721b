/**
 * Walk data access: plain functions over a Kysely instance or a transaction. The aggregates
 * (walk_totals per participant and period, walk_team_totals per team and period, walk_teams
 * member counts) change only here, in the same transaction as the step rows they summarise.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { WalkGroup } from './walk.model';
import type { Database, WalkChallengesTable } from '../../db/schema';
import { ALL_PERIOD, dayPeriod, weekPeriod } from './walk.days';

export type Db = Kysely<Database> | Transaction<Database>;

export interface ChallengeRow {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  scope: WalkChallengesTable['scope'];
  departments: string[];
  teamMode: WalkChallengesTable['team_mode'];
  groups: WalkGroup[];
  dailyGoal: number;
  dailyCap: number;
  joinMode: WalkChallengesTable['join_mode'];
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toChallenge(row: Omit<WalkChallengesTable, 'created_by' | 'created_at' | 'updated_at'>): ChallengeRow {
  return {
    id: row.id,
    name: row.name,
    startDate: row.start_date,
    endDate: row.end_date,
    scope: row.scope,
    departments: parseJson<string[]>(row.departments, []),
    teamMode: row.team_mode,
    groups: parseJson<WalkGroup[]>(row.groups, []),
    dailyGoal: row.daily_goal,
    dailyCap: row.daily_cap,
    joinMode: row.join_mode,
  };
}

const CHALLENGE_COLUMNS = [
  'id',
  'name',
  'start_date',
  'end_date',
  'scope',
  'departments',
  'team_mode',
  'groups',
  'daily_goal',
  'daily_cap',
  'join_mode',
] as const;

export async function listChallenges(db: Db): Promise<ChallengeRow[]> {
  const rows = await db.selectFrom('walk_challenges').select(CHALLENGE_COLUMNS).orderBy('start_date', 'desc').orderBy('id').execute();
  return rows.map(toChallenge);
}

export async function findChallenge(db: Db, id: string): Promise<ChallengeRow | undefined> {
  const row = await db.selectFrom('walk_challenges').select(CHALLENGE_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toChallenge(row) : undefined;
}

export async function insertChallenge(db: Db, challenge: ChallengeRow, createdBy: string | null, at: Date): Promise<void> {
  await db
    .insertInto('walk_challenges')
    .values({ ...challengeColumns(challenge), id: challenge.id, created_by: createdBy, created_at: at.toISOString(), updated_at: at.toISOString() })
    .execute();
}

export async function updateChallenge(db: Db, challenge: ChallengeRow, at: Date): Promise<void> {
  await db
    .updateTable('walk_challenges')
    .set({ ...challengeColumns(challenge), updated_at: at.toISOString() })
    .where('id', '=', challenge.id)
    .execute();
}

function challengeColumns(challenge: ChallengeRow) {
  return {
    name: challenge.name,
    start_date: challenge.startDate,
    end_date: challenge.endDate,
    scope: challenge.scope,
    departments: JSON.stringify(challenge.departments),
    team_mode: challenge.teamMode,
    groups: JSON.stringify(challenge.groups),
    daily_goal: challenge.dailyGoal,
    daily_cap: challenge.dailyCap,
    join_mode: challenge.joinMode,
  };
}

export async function deleteChallenge(db: Db, id: string): Promise<void> {
  await db.deleteFrom('walk_challenges').where('id', '=', id).execute();
}

// --- people and participants ------------------------------------------------------------------

export interface WalkPerson {
  id: string;
  name: string;
  kind: string;
  department: string | null;
  status: string;
}

export async function findPerson(db: Db, personId: string): Promise<WalkPerson | undefined> {
  return db.selectFrom('people').select(['id', 'name', 'kind', 'department', 'status']).where('id', '=', personId).executeTakeFirst();
}

export interface ParticipantRow {
  challengeId: string;
  team: string;
  consented: boolean;
}

export async function participationsOf(db: Db, personId: string): Promise<ParticipantRow[]> {
  const rows = await db
    .selectFrom('walk_participants')
    .select(['challenge_id', 'team', 'consented_at'])
    .where('person_id', '=', personId)
    .execute();
  return rows.map((row) => ({ challengeId: row.challenge_id, team: row.team, consented: row.consented_at !== null }));
}

/** Locks the person's participation rows until the transaction ends (PostgreSQL; SQLite writes one at a time anyway). */
export async function lockParticipations(trx: Transaction<Database>, personId: string, postgres: boolean): Promise<void> {
  if (!postgres) return;
  await sql`select 1 from walk_participants where person_id = ${personId} for update`.execute(trx);
}

/** The person left this challenge (walk_opt_outs) and is not joined again automatically. */
export async function hasLeft(db: Db, challengeId: string, personId: string): Promise<boolean> {
  const row = await db.selectFrom('walk_opt_outs').select('person_id').where('challenge_id', '=', challengeId).where('person_id', '=', personId).executeTakeFirst();
  return row !== undefined;
}

/** Remembers that the person left, so auto-join leaves them out (a second leave changes nothing). */
export async function recordLeft(db: Db, challengeId: string, personId: string, at: Date): Promise<void> {
  await db
    .insertInto('walk_opt_outs')
    .values({ challenge_id: challengeId, person_id: personId, left_at: at.toISOString() })
    .onConflict((oc) => oc.columns(['challenge_id', 'person_id']).doNothing())
    .execute();
}

/** Joining again by choice undoes an earlier leave. */
export async function clearLeft(db: Db, challengeId: string, personId: string): Promise<void> {
  await db.deleteFrom('walk_opt_outs').where('challenge_id', '=', challengeId).where('person_id', '=', personId).execute();
}

export async function insertParticipant(db: Db, row: { challengeId: string; personId: string; team: string; at: Date; consented: boolean }): Promise<boolean> {
  const result = await db
    .insertInto('walk_participants')
    .values({
      challenge_id: row.challengeId,
      person_id: row.personId,
      team: row.team,
      joined_at: row.at.toISOString(),
      consented_at: row.consented ? row.at.toISOString() : null,
    })
    .onConflict((oc) => oc.columns(['challenge_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Consent on an existing row; true when this call gave it (not before). */
export async function setConsent(db: Db, challengeId: string, personId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('walk_participants')
    .set({ consented_at: at.toISOString() })
    .where('challenge_id', '=', challengeId)
    .where('person_id', '=', personId)
    .where('consented_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteParticipant(db: Db, challengeId: string, personId: string): Promise<void> {
  await db.deleteFrom('walk_participants').where('challenge_id', '=', challengeId).where('person_id', '=', personId).execute();
}

export async function addTeamMembers(db: Db, challengeId: string, team: string, delta: number): Promise<void> {
  await db
    .insertInto('walk_teams')
    .values({ challenge_id: challengeId, team, members: delta })
    .onConflict((oc) => oc.columns(['challenge_id', 'team']).doUpdateSet({ members: (eb) => eb('walk_teams.members', '+', eb.ref('excluded.members')) }))
    .execute();
}

export async function participantCount(db: Db, challengeId: string): Promise<number> {
  const row = await db
    .selectFrom('walk_teams')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('members'), eb.lit(0)).as('members'))
    .where('challenge_id', '=', challengeId)
    .executeTakeFirst();
  return Number(row?.members ?? 0);
}

// --- steps ---------------------------------------------------------------------------------------

export interface DaySteps {
  day: string;
  steps: number;
}

export async function stepsOf(db: Db, personId: string, from: string, to: string): Promise<(DaySteps & { syncedAt: Date | string })[]> {
  const rows = await db
    .selectFrom('walk_steps')
    .select(['day', 'steps', 'synced_at'])
    .where('person_id', '=', personId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
  return rows.map((row) => ({ day: row.day, steps: row.steps, syncedAt: row.synced_at }));
}

export async function upsertSteps(db: Db, personId: string, source: 'wechat' | 'dingtalk', days: DaySteps[], at: Date): Promise<void> {
  if (days.length === 0) return;
  await db
    .insertInto('walk_steps')
    .values(days.map((day) => ({ person_id: personId, day: day.day, steps: day.steps, source, synced_at: at.toISOString() })))
    .onConflict((oc) =>
      oc.columns(['person_id', 'day']).doUpdateSet((eb) => ({
        steps: eb.ref('excluded.steps'),
        source: eb.ref('excluded.source'),
        synced_at: eb.ref('excluded.synced_at'),
      })),
    )
    .execute();
}

/** A sync that changed nothing still says when the person last synced (the daily reminder asks). */
export async function touchSynced(db: Db, personId: string, day: string, at: Date): Promise<void> {
  await db.updateTable('walk_steps').set({ synced_at: at.toISOString() }).where('person_id', '=', personId).where('day', '=', day).execute();
}

export async function deleteSteps(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('walk_steps').where('person_id', '=', personId).execute();
}

export async function insertRejections(
  db: Db,
  rows: { id: string; personId: string; day: string; steps: number; source: string; reason: string }[],
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('walk_rejections')
    .values(rows.map((row) => ({ id: row.id, person_id: row.personId, day: row.day, steps: row.steps, source: row.source, reason: row.reason, at: at.toISOString() })))
    .execute();
}

// --- aggregates ----------------------------------------------------------------------------------

export interface DayChange {
  day: string;
  /** steps before (0 when there was no row) and after */
  before: number;
  after: number;
}

/**
 * Day rows are read only by the "today" board, which shows today (or, once the challenge is
 * over, its last day): only those days keep one. A sync that corrects older days moves the week
 * and whole-challenge rows alone, so 31 changed days touch ~8 rows of the rank index, not 36.
 */
export const keepsDayRow = (challenge: Pick<ChallengeRow, 'endDate'>, day: string, today: string): boolean => day === today || day === challenge.endDate;

/**
 * Moves one participant's aggregates by the changed days (inside the challenge's window): the
 * day rows take the new capped count, week, whole-challenge and team rows add the difference.
 * Two statements whatever the number of days, so a 31-day sync stays cheap.
 */
export async function applyDayChanges(
  db: Db,
  challenge: ChallengeRow,
  personId: string,
  team: string,
  changes: DayChange[],
  today: string,
): Promise<void> {
  const cap = challenge.dailyCap;
  const dayRows: { period: string; counted: number }[] = [];
  const deltas = new Map<string, number>();
  for (const change of changes) {
    if (change.day < challenge.startDate || change.day > challenge.endDate) continue;
    const before = Math.min(change.before, cap);
    const after = Math.min(change.after, cap);
    const delta = after - before;
    if (delta === 0) continue;
    const periods = [weekPeriod(change.day), ALL_PERIOD];
    if (keepsDayRow(challenge, change.day, today)) {
      dayRows.push({ period: dayPeriod(change.day), counted: after });
      periods.push(dayPeriod(change.day));
    }
    for (const period of periods) deltas.set(period, (deltas.get(period) ?? 0) + delta);
  }
  if (deltas.size === 0) return;
  const incremental = [...deltas].filter(([period]) => !period.startsWith('d:'));
  await db
    .insertInto('walk_totals')
    .values([
      ...dayRows.map((row) => ({ challenge_id: challenge.id, period: row.period, person_id: personId, team, counted: row.counted })),
      ...incremental.map(([period, delta]) => ({ challenge_id: challenge.id, period, person_id: personId, team, counted: delta })),
    ])
    .onConflict((oc) =>
      oc.columns(['challenge_id', 'person_id', 'period']).doUpdateSet((eb) => ({
        // day rows are absolute, week and whole-challenge rows accumulate
        counted: eb
          .case()
          .when(eb.ref('excluded.period'), 'like', 'd:%')
          .then(eb.ref('excluded.counted'))
          .else(eb('walk_totals.counted', '+', eb.ref('excluded.counted')))
          .end(),
      })),
    )
    .execute();
  await db
    .insertInto('walk_team_totals')
    .values([...deltas].map(([period, delta]) => ({ challenge_id: challenge.id, period, team, counted: delta })))
    .onConflict((oc) =>
      oc.columns(['challenge_id', 'period', 'team']).doUpdateSet((eb) => ({ counted: eb('walk_team_totals.counted', '+', eb.ref('excluded.counted')) })),
    )
    .execute();
}

/** Takes a participant's rows out of the challenge's aggregates (leaving) and deletes them. */
export async function removeFromAggregates(db: Db, challengeId: string, personId: string): Promise<void> {
  const rows = await db
    .selectFrom('walk_totals')
    .select(['period', 'team', 'counted'])
    .where('challenge_id', '=', challengeId)
    .where('person_id', '=', personId)
    .execute();
  const byTeam = rows.filter((row) => row.counted !== 0);
  if (byTeam.length > 0) {
    await db
      .insertInto('walk_team_totals')
      .values(byTeam.map((row) => ({ challenge_id: challengeId, period: row.period, team: row.team, counted: -row.counted })))
      .onConflict((oc) =>
        oc.columns(['challenge_id', 'period', 'team']).doUpdateSet((eb) => ({ counted: eb('walk_team_totals.counted', '+', eb.ref('excluded.counted')) })),
      )
      .execute();
  }
  await db.deleteFrom('walk_totals').where('challenge_id', '=', challengeId).where('person_id', '=', personId).execute();
  // the likes they gave come off the other people's days; the likes they got go with their rows
  const given = await db.selectFrom('walk_likes').select(['day', 'to_person']).where('challenge_id', '=', challengeId).where('from_person', '=', personId).execute();
  for (const like of given) {
    await db
      .updateTable('walk_totals')
      .set((eb) => ({ likes: eb('likes', '-', 1) }))
      .where('challenge_id', '=', challengeId)
      .where('period', '=', dayPeriod(like.day))
      .where('person_id', '=', like.to_person)
      .execute();
  }
  await db
    .deleteFrom('walk_likes')
    .where('challenge_id', '=', challengeId)
    .where((eb) => eb.or([eb('from_person', '=', personId), eb('to_person', '=', personId)]))
    .execute();
}

export async function clearAggregates(db: Db, challengeId: string): Promise<void> {
  await db.deleteFrom('walk_totals').where('challenge_id', '=', challengeId).execute();
  await db.deleteFrom('walk_team_totals').where('challenge_id', '=', challengeId).execute();
  await db.deleteFrom('walk_teams').where('challenge_id', '=', challengeId).execute();
}

// --- leaderboards ----------------------------------------------------------------------------------

export async function topPeople(db: Db, challengeId: string, period: string, limit: number) {
  return db
    .selectFrom('walk_totals as t')
    .innerJoin('people as p', 'p.id', 't.person_id')
    .select(['t.person_id as personId', 'p.name as name', 't.team as team', 't.counted as counted', 't.likes as likes'])
    .where('t.challenge_id', '=', challengeId)
    .where('t.period', '=', period)
    .where('t.counted', '>', 0)
    // both descending: the rank index serves it in order, no sort of the whole period
    .orderBy('t.counted', 'desc')
    .orderBy('t.person_id', 'desc')
    .limit(limit)
    .execute();
}

export async function totalOf(db: Db, challengeId: string, period: string, personId: string): Promise<{ counted: number; likes: number } | undefined> {
  return db
    .selectFrom('walk_totals')
    .select(['counted', 'likes'])
    .where('challenge_id', '=', challengeId)
    .where('period', '=', period)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function teamBoard(db: Db, challengeId: string, period: string) {
  const rows = await db
    .selectFrom('walk_teams as m')
    .leftJoin('walk_team_totals as t', (join) =>
      join.onRef('t.challenge_id', '=', 'm.challenge_id').onRef('t.team', '=', 'm.team').on('t.period', '=', period),
    )
    .select(['m.team as team', 'm.members as members', 't.counted as counted'])
    .where('m.challenge_id', '=', challengeId)
    .where('m.members', '>', 0)
    .execute();
  return rows.map((row) => ({ team: row.team, members: row.members, total: Number(row.counted ?? 0) }));
}

export async function likedBy(db: Db, challengeId: string, day: string, fromPerson: string, toPeople: string[]): Promise<Set<string>> {
  if (toPeople.length === 0) return new Set();
  const rows = await db
    .selectFrom('walk_likes')
    .select('to_person')
    .where('challenge_id', '=', challengeId)
    .where('day', '=', day)
    .where('from_person', '=', fromPerson)
    .where('to_person', 'in', toPeople)
    .execute();
  return new Set(rows.map((row) => row.to_person));
}

/** true when this like is new (once per person, per day, per liked person) */
export async function insertLike(db: Db, like: { challengeId: string; day: string; from: string; to: string; team: string; at: Date }): Promise<boolean> {
  const result = await db
    .insertInto('walk_likes')
    .values({ challenge_id: like.challengeId, day: like.day, from_person: like.from, to_person: like.to, created_at: like.at.toISOString() })
    .onConflict((oc) => oc.columns(['challenge_id', 'day', 'from_person', 'to_person']).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await db
    .insertInto('walk_totals')
    .values({ challenge_id: like.challengeId, period: dayPeriod(like.day), person_id: like.to, team: like.team, counted: 0, likes: 1 })
    .onConflict((oc) => oc.columns(['challenge_id', 'person_id', 'period']).doUpdateSet((eb) => ({ likes: eb('walk_totals.likes', '+', 1) })))
    .execute();
  return true;
}
