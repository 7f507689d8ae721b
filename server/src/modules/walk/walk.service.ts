/**
 * 教职工健步走 (issue 6). Every method starts with the access check: staff only (students and
 * parents get 403), and for a challenge, staff it is open to (admins see every challenge).
 * Step data counts only when the server decrypted it (WeChat Run, with the session_key it keeps)
 * or fetched it (DingTalk), and only after the participant's separate consent.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type {
  Challenge,
  ChallengeDetail,
  ChallengeInput,
  ChallengeList,
  History,
  Leaderboard,
  LeaderboardQuery,
  LikeResult,
  MyWalk,
  RejectionList,
  SyncResult,
  WechatSyncBody,
} from '../../../../types/walk';
import { SYNC_DAYS } from '../../../../types/walk';
import type { AppConfig } from '../../config';
import { dialectOf } from '../../db/dialect';
import { toDate, type Database } from '../../db/schema';
import { decryptOpenData, OpenDataError, weRunDays, type OpenDataFailure } from '../../integrations/wechat/open-data';
import { requireRole, type AuthContext } from '../../shared/access';
import { deriveKey, open } from '../../shared/crypto';
import { AppError, forbidden, notFound } from '../../shared/errors';
import { wechatKeyContext } from '../identity/platform.service';
import { callUpstream, type Upstreams } from '../identity/upstreams';
import { ALL_PERIOD, addDays, chinaDay, clampDay, compactDay, dayPeriod, fromCompactDay, isDay, mondayOf, weekPeriod } from './walk.days';
import { IMPOSSIBLE_MESSAGES, STAFF_ROLES, goalFigures, impossibleReason, isEligible, statusOf, teamFor, type ImpossibleReason } from './walk.model';
import { notifyParticipants } from './walk.notify';
import { invalidateRanks, placeIn, rankSnapshot, teamSnapshot } from './walk.rank-cache';
import * as repo from './walk.repository';
import type { ChallengeRow, DaySteps, WalkPerson } from './walk.repository';

export interface WalkServiceDeps {
  db: Kysely<Database>;
  config: AppConfig;
  upstreams: Upstreams;
  log: FastifyBaseLogger;
  now?: () => number;
}

const validation = (field: string, message: string): AppError => new AppError(400, 'VALIDATION_FAILED', message, [{ field, message }]);
const consentRequired = (): AppError => new AppError(403, 'WALK_CONSENT_REQUIRED', '请先同意在健步走活动中使用你的步数数据');
const sessionStale = (): AppError => new AppError(409, 'WERUN_SESSION_STALE', '微信登录状态已过期，请重新同步');

const OPEN_DATA_ERRORS: Record<OpenDataFailure, () => AppError> = {
  bad_base64: () => new AppError(400, 'WERUN_DATA_INVALID', '微信运动数据格式不正确'),
  malformed: () => new AppError(400, 'WERUN_DATA_INVALID', '微信运动数据格式不正确'),
  wrong_appid: () => new AppError(400, 'WERUN_DATA_INVALID', '微信运动数据不属于本小程序'),
  stale: () => new AppError(400, 'WERUN_DATA_STALE', '微信运动数据已过期，请重新同步'),
  // a wrong key and altered data look the same: the client logs in again (new key) and retries once
  decrypt_failed: sessionStale,
};

export const LEADERBOARD_LIMIT = 50;

export function createWalkService(deps: WalkServiceDeps) {
  const { db, config } = deps;
  const now = deps.now ?? Date.now;
  const postgres = dialectOf(db) === 'postgres';
  const sessionKeyKey = deriveKey(config.dataSecret, 'wechat-session-key');

  async function staff(auth: AuthContext | null | undefined): Promise<{ auth: AuthContext; person: WalkPerson }> {
    requireRole(auth, ...STAFF_ROLES);
    const person = await repo.findPerson(db, auth.personId);
    if (!person || person.kind !== 'staff') throw forbidden('健步走活动仅面向教职工');
    return { auth, person };
  }

  /** the challenge, if the caller may see it: 404 when there is none, 403 when it is not open to them */
  async function visibleChallenge(auth: AuthContext, person: WalkPerson, id: string): Promise<ChallengeRow> {
    const challenge = await repo.findChallenge(db, id);
    if (!challenge) throw notFound('活动不存在');
    if (!isEligible(challenge, person) && !auth.roles.includes('admin')) throw forbidden('你不在本次活动的参与范围内');
    return challenge;
  }


  /** auto-join: an eligible staff member is a participant (without consent yet) from the first look */
  async function autoJoin(challenge: ChallengeRow, person: WalkPerson, today: string): Promise<void> {
    if (challenge.joinMode !== 'auto' || !isEligible(challenge, person) || statusOf(challenge, today) === 'ended') return;
    // someone who left is not put back in by looking at the challenge again
    if (await repo.hasLeft(db, challenge.id, person.id)) return;
    await repo.insertParticipant(db, { challengeId: challenge.id, personId: person.id, team: teamFor(challenge, person.department), at: new Date(now()), consented: false });
  }

  async function toChallenge(challenge: ChallengeRow, personId: string, today: string): Promise<Challenge> {
    const [participation, participants] = await Promise.all([
      db.selectFrom('walk_participants').select('consented_at').where('challenge_id', '=', challenge.id).where('person_id', '=', personId).executeTakeFirst(),
      repo.participantCount(db, challenge.id),
    ]);
    // only someone not taking part can have left (participants, the common case, skip the lookup)
    const left = participation === undefined && (await repo.hasLeft(db, challenge.id, personId));
    return {
      ...challenge,
      status: statusOf(challenge, today),
      participants,
      joined: participation !== undefined,
      consented: participation?.consented_at != null,
      left,
    };
  }

  async function myWalk(challenge: ChallengeRow, personId: string, today: string): Promise<MyWalk> {
    const last = clampDay(today, challenge.startDate, challenge.endDate);
    const [days, total] = await Promise.all([
      repo.stepsOf(db, personId, challenge.startDate, last),
      repo.totalOf(db, challenge.id, ALL_PERIOD, personId),
    ]);
    const counted = total?.counted ?? 0;
    const place = counted > 0 ? placeIn(await rankSnapshot(db, challenge.id, ALL_PERIOD, now()), counted) : null;
    const todayRow = days.find((day) => day.day === today);
    const todaySteps = todayRow?.steps ?? 0;
    const todayCounted = Math.min(todaySteps, challenge.dailyCap);
    const synced = days.reduce<Date | null>((latest, day) => {
      const at = toDate(day.syncedAt);
      return !latest || at > latest ? at : latest;
    }, null);
    return {
      today,
      todaySteps,
      todayCounted,
      goalProgress: Math.min(1, todayCounted / challenge.dailyGoal),
      total: counted,
      rank: place ? place.ahead + 1 : null,
      gapToNext: place && place.next !== null ? place.next - counted + 1 : null,
      ...goalFigures(challenge, days, today),
      lastSyncedAt: synced ? synced.toISOString() : null,
    };
  }

  function checkInput(input: ChallengeInput): ChallengeRow['groups'] {
    if (!isDay(input.startDate)) throw validation('/startDate', '开始日期不正确');
    if (!isDay(input.endDate)) throw validation('/endDate', '结束日期不正确');
    if (input.endDate < input.startDate) throw validation('/endDate', '结束日期不能早于开始日期');
    if (input.dailyCap < input.dailyGoal) throw validation('/dailyCap', '每日计入上限不能低于每日目标');
    if (input.scope === 'departments' && !(input.departments?.length)) throw validation('/departments', '请选择参与的部门');
    const groups = input.teamMode === 'group' ? (input.groups ?? []) : [];
    if (input.teamMode === 'group' && groups.length === 0) throw validation('/groups', '请设置工会小组');
    return groups;
  }

  function rowFrom(id: string, input: ChallengeInput): ChallengeRow {
    const groups = checkInput(input);
    return {
      id,
      name: input.name.trim(),
      startDate: input.startDate,
      endDate: input.endDate,
      scope: input.scope,
      departments: input.scope === 'departments' ? [...new Set(input.departments ?? [])] : [],
      teamMode: input.teamMode,
      groups,
      dailyGoal: input.dailyGoal,
      dailyCap: input.dailyCap,
      joinMode: input.joinMode,
    };
  }

  /**
   * Recomputes a challenge's aggregates from the step rows (after an admin changed its window,
   * cap or teams). An admin action on one challenge; sync and reads never do this.
   */
  async function rebuild(trx: repo.Db, challenge: ChallengeRow): Promise<void> {
    await repo.clearAggregates(trx, challenge.id);
    const participants = await trx
      .selectFrom('walk_participants as w')
      .innerJoin('people as p', 'p.id', 'w.person_id')
      .select(['w.person_id as personId', 'w.consented_at as consentedAt', 'p.department as department'])
      .where('w.challenge_id', '=', challenge.id)
      .execute();
    for (const participant of participants) {
      const team = teamFor(challenge, participant.department);
      await trx.updateTable('walk_participants').set({ team }).where('challenge_id', '=', challenge.id).where('person_id', '=', participant.personId).execute();
      if (participant.consentedAt === null) continue;
      await repo.addTeamMembers(trx, challenge.id, team, 1);
      const days = await repo.stepsOf(trx, participant.personId, challenge.startDate, challenge.endDate);
      await repo.applyDayChanges(trx, challenge, participant.personId, team, days.map((day) => ({ day: day.day, before: 0, after: day.steps })), chinaDay(now()));
    }
  }

  /**
   * Stores a person's days (server-decrypted or server-fetched) and moves the aggregates of every
   * challenge they consented to. Impossible days reject the whole sync and are recorded for the
   * admin; a repeat of the same data changes nothing (idempotent).
   */
  async function store(personId: string, source: 'wechat' | 'dingtalk', entries: DaySteps[]): Promise<SyncResult> {
    const at = new Date(now());
    const today = chinaDay(at.getTime());
    const impossible = entries
      .map((entry) => ({ entry, reason: impossibleReason(entry, today) }))
      .filter((item): item is { entry: DaySteps; reason: ImpossibleReason } => item.reason !== null);
    if (impossible.length > 0) {
      await repo.insertRejections(
        db,
        impossible.map(({ entry, reason }) => ({ id: randomUUID(), personId, day: entry.day, steps: Math.trunc(entry.steps) || 0, source, reason })),
        at,
      );
      deps.log.warn({ walk: { personId, source, rejected: impossible.length } }, 'impossible step data rejected');
      throw new AppError(
        422,
        'STEPS_IMPOSSIBLE',
        `步数数据异常（${IMPOSSIBLE_MESSAGES[impossible[0]!.reason]}），本次同步未计入，已记录供管理员核查`,
        impossible.map(({ entry, reason }) => ({ field: `/days/${entry.day}`, message: IMPOSSIBLE_MESSAGES[reason] })),
      );
    }
    const oldest = addDays(today, -(SYNC_DAYS - 1));
    // one value per day (the last wins), only the last 31 days
    const byDay = new Map<string, number>();
    for (const entry of entries) if (entry.day >= oldest) byDay.set(entry.day, entry.steps);
    const days = [...byDay].map(([day, steps]) => ({ day, steps })).sort((a, b) => a.day.localeCompare(b.day));

    const result = await db.transaction().execute(async (trx) => {
      await repo.lockParticipations(trx, personId, postgres);
      const participations = (await repo.participationsOf(trx, personId)).filter((p) => p.consented);
      if (participations.length === 0) throw consentRequired();
      const before = new Map((await repo.stepsOf(trx, personId, oldest, today)).map((row) => [row.day, row.steps]));
      const changed = days.filter((day) => before.get(day.day) !== day.steps);
      await repo.upsertSteps(trx, personId, source, changed, at);
      if (!changed.some((day) => day.day === today)) await repo.touchSynced(trx, personId, today, at);
      const changes = changed.map((day) => ({ day: day.day, before: before.get(day.day) ?? 0, after: day.steps }));
      for (const participation of participations) {
        const challenge = await repo.findChallenge(trx, participation.challengeId);
        if (challenge) await repo.applyDayChanges(trx, challenge, personId, participation.team, changes, today);
      }
      return { changed: changed.length, challenges: participations.map((p) => p.challengeId) };
    });
    if (result.changed > 0) for (const id of result.challenges) invalidateRanks(id);
    return { changed: result.changed, days: days.length, todaySteps: byDay.get(today) ?? 0, syncedAt: at.toISOString() };
  }

  async function fetchDingtalk(personId: string, log: FastifyBaseLogger): Promise<SyncResult> {
    const dingtalk = deps.upstreams.dingtalk;
    const getStepInfo = dingtalk?.getStepInfo?.bind(dingtalk);
    if (!getStepInfo) throw new AppError(404, 'PROVIDER_DISABLED', '当前未启用钉钉运动');
    const binding = await db.selectFrom('identity_bindings').select('subject').where('provider', '=', 'dingtalk').where('person_id', '=', personId).executeTakeFirst();
    if (!binding) throw notFound('尚未绑定钉钉账号，请在钉钉工作台中打开');
    const today = chinaDay(now());
    const dates = Array.from({ length: SYNC_DAYS }, (_, index) => compactDay(addDays(today, -index)));
    const steps = await callUpstream(log, { status: 502, code: 'UPSTREAM_UNAVAILABLE' }, () => getStepInfo(binding.subject, dates));
    return store(
      personId,
      'dingtalk',
      steps.map((step) => ({ day: fromCompactDay(step.statDate), steps: step.stepCount })),
    );
  }

  /** Claims a daily job for this day: true for exactly one of several processes. */
  async function claimJob(job: string, day: string): Promise<boolean> {
    const result = await db
      .insertInto('walk_job_runs')
      .values({ job, day, started_at: new Date(now()).toISOString() })
      .onConflict((oc) => oc.columns(['job', 'day']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async function runningChallenges(today: string): Promise<ChallengeRow[]> {
    return (await repo.listChallenges(db)).filter((challenge) => statusOf(challenge, today) === 'running');
  }

  return {
    async list(auth: AuthContext | null | undefined): Promise<ChallengeList> {
      const { person, auth: caller } = await staff(auth);
      const today = chinaDay(now());
      const all = await repo.listChallenges(db);
      const visible = all.filter((challenge) => isEligible(challenge, person) || caller.roles.includes('admin'));
      for (const challenge of visible) await autoJoin(challenge, person, today);
      const order = { running: 0, upcoming: 1, ended: 2 } as const;
      const challenges = await Promise.all(visible.map((challenge) => toChallenge(challenge, person.id, today)));
      return { challenges: challenges.sort((a, b) => order[a.status] - order[b.status]) };
    },

    async detail(auth: AuthContext | null | undefined, id: string): Promise<ChallengeDetail> {
      const { auth: caller, person } = await staff(auth);
      const challenge = await visibleChallenge(caller, person, id);
      const today = chinaDay(now());
      await autoJoin(challenge, person, today);
      const summary = await toChallenge(challenge, person.id, today);
      return { challenge: summary, me: summary.consented ? await myWalk(challenge, person.id, today) : null };
    },

    async create(auth: AuthContext | null | undefined, input: ChallengeInput): Promise<Challenge> {
      requireRole(auth, 'admin');
      const challenge = rowFrom(randomUUID(), input);
      await repo.insertChallenge(db, challenge, auth.personId, new Date(now()));
      return toChallenge(challenge, auth.personId, chinaDay(now()));
    },

    async update(auth: AuthContext | null | undefined, id: string, input: ChallengeInput): Promise<Challenge> {
      requireRole(auth, 'admin');
      const existing = await repo.findChallenge(db, id);
      if (!existing) throw notFound('活动不存在');
      const challenge = rowFrom(id, input);
      await db.transaction().execute(async (trx) => {
        await repo.updateChallenge(trx, challenge, new Date(now()));
        const rules = (row: ChallengeRow) => JSON.stringify([row.startDate, row.endDate, row.dailyCap, row.teamMode, row.groups]);
        if (rules(existing) !== rules(challenge)) await rebuild(trx, challenge);
      });
      invalidateRanks(id);
      return toChallenge(challenge, auth.personId, chinaDay(now()));
    },

    async remove(auth: AuthContext | null | undefined, id: string): Promise<void> {
      requireRole(auth, 'admin');
      if (!(await repo.findChallenge(db, id))) throw notFound('活动不存在');
      await repo.deleteChallenge(db, id);
      invalidateRanks(id);
    },

    /** Joining is the separate, explicit consent to use step data in this challenge. */
    async join(auth: AuthContext | null | undefined, id: string): Promise<ChallengeDetail> {
      const { auth: caller, person } = await staff(auth);
      const challenge = await visibleChallenge(caller, person, id);
      const today = chinaDay(now());
      if (!isEligible(challenge, person)) throw forbidden('你不在本次活动的参与范围内');
      if (statusOf(challenge, today) === 'ended') throw new AppError(409, 'CONFLICT', '活动已结束');
      const at = new Date(now());
      await db.transaction().execute(async (trx) => {
        await repo.lockParticipations(trx, person.id, postgres);
        const team = teamFor(challenge, person.department);
        // joining again by choice undoes an earlier leave
        await repo.clearLeft(trx, id, person.id);
        const inserted = await repo.insertParticipant(trx, { challengeId: id, personId: person.id, team, at, consented: true });
        const consented = inserted || (await repo.setConsent(trx, id, person.id, at));
        if (!consented) return; // a double tap: already in
        const participation = (await repo.participationsOf(trx, person.id)).find((p) => p.challengeId === id)!;
        await repo.addTeamMembers(trx, id, participation.team, 1);
        // steps already synced for another challenge count here too
        const days = await repo.stepsOf(trx, person.id, challenge.startDate, challenge.endDate);
        await repo.applyDayChanges(trx, challenge, person.id, participation.team, days.map((day) => ({ day: day.day, before: 0, after: day.steps })), today);
      });
      invalidateRanks(id);
      const summary = await toChallenge(challenge, person.id, today);
      return { challenge: summary, me: await myWalk(challenge, person.id, today) };
    },

    /** Leaves the challenge; the step data goes too once the person takes part in no other. */
    async leave(auth: AuthContext | null | undefined, id: string): Promise<void> {
      const { auth: caller, person } = await staff(auth);
      await visibleChallenge(caller, person, id);
      await db.transaction().execute(async (trx) => {
        await repo.lockParticipations(trx, person.id, postgres);
        const participations = await repo.participationsOf(trx, person.id);
        const mine = participations.find((p) => p.challengeId === id);
        if (!mine) throw notFound('你没有参加本次活动');
        if (mine.consented) await repo.addTeamMembers(trx, id, mine.team, -1);
        await repo.removeFromAggregates(trx, id, person.id);
        await repo.deleteParticipant(trx, id, person.id);
        await repo.recordLeft(trx, id, person.id, new Date(now()));
        if (!participations.some((p) => p.challengeId !== id && p.consented)) await repo.deleteSteps(trx, person.id);
      });
      invalidateRanks(id);
    },

    /** Deletes every step of the caller and takes them out of every challenge. */
    async deleteMySteps(auth: AuthContext | null | undefined): Promise<void> {
      const { person } = await staff(auth);
      const left = await db.transaction().execute(async (trx) => {
        await repo.lockParticipations(trx, person.id, postgres);
        const participations = await repo.participationsOf(trx, person.id);
        for (const participation of participations) {
          if (participation.consented) await repo.addTeamMembers(trx, participation.challengeId, participation.team, -1);
          await repo.removeFromAggregates(trx, participation.challengeId, person.id);
          await repo.deleteParticipant(trx, participation.challengeId, person.id);
          await repo.recordLeft(trx, participation.challengeId, person.id, new Date(now()));
        }
        await repo.deleteSteps(trx, person.id);
        return participations.map((p) => p.challengeId);
      });
      for (const id of left) invalidateRanks(id);
    },

    async leaderboard(auth: AuthContext | null | undefined, id: string, query: LeaderboardQuery): Promise<Leaderboard> {
      const { auth: caller, person } = await staff(auth);
      const challenge = await visibleChallenge(caller, person, id);
      const periodName = query.period ?? 'today';
      const board = query.board ?? 'people';
      const sort = query.sort ?? 'average';
      // an ended challenge shows its last day and week; an upcoming one its first
      const day = clampDay(chinaDay(now()), challenge.startDate, challenge.endDate);
      const period = periodName === 'today' ? dayPeriod(day) : periodName === 'week' ? weekPeriod(day) : ALL_PERIOD;
      const from = periodName === 'today' ? day : periodName === 'week' ? mondayOf(day) : challenge.startDate;
      const base = { period: periodName, board, sort, from };

      if (board === 'departments') {
        const teams = (await teamSnapshot(db, id, period, now())).map((team) => ({ ...team, average: Math.round(team.total / team.members) }));
        const key = sort === 'total' ? 'total' : 'average';
        teams.sort((a, b) => b[key] - a[key] || a.team.localeCompare(b.team));
        const departments = teams.map((team, index) => ({ ...team, rank: index > 0 && teams[index - 1]![key] === team[key] ? 0 : index + 1 }));
        for (let index = 1; index < departments.length; index += 1) if (departments[index]!.rank === 0) departments[index]!.rank = departments[index - 1]!.rank;
        return { ...base, people: [], departments, me: null };
      }

      const limit = query.limit ?? LEADERBOARD_LIMIT;
      const [snapshot, mine] = await Promise.all([rankSnapshot(db, id, period, now()), repo.totalOf(db, id, period, person.id)]);
      const top = snapshot.top.slice(0, limit);
      const liked = periodName === 'today' ? await repo.likedBy(db, id, day, person.id, top.map((row) => row.personId)) : new Set<string>();
      let rank = 0;
      const people = top.map((row, index) => {
        if (index === 0 || top[index - 1]!.counted !== row.counted) rank = index + 1;
        return { rank, personId: row.personId, name: row.name, team: row.team, steps: row.counted, likes: periodName === 'today' ? row.likes : 0, likedByMe: liked.has(row.personId) };
      });
      const counted = mine?.counted ?? 0;
      const place = counted > 0 ? placeIn(snapshot, counted) : null;
      return {
        ...base,
        people,
        departments: [],
        me: { rank: place ? place.ahead + 1 : null, steps: counted, gapToNext: place && place.next !== null ? place.next - counted + 1 : null },
      };
    },

    /** 点赞 someone's day: once per person, per day, per liked person. */
    async like(auth: AuthContext | null | undefined, id: string, personId: string): Promise<LikeResult> {
      const { auth: caller, person } = await staff(auth);
      const challenge = await visibleChallenge(caller, person, id);
      const today = chinaDay(now());
      if (statusOf(challenge, today) !== 'running') throw new AppError(409, 'CONFLICT', '活动不在进行中');
      if (personId === person.id) throw validation('/personId', '不能给自己点赞');
      const target = await db
        .selectFrom('walk_participants')
        .select(['team', 'consented_at'])
        .where('challenge_id', '=', id)
        .where('person_id', '=', personId)
        .executeTakeFirst();
      if (!target || target.consented_at === null) throw notFound('该参与者不存在');
      const at = new Date(now());
      const liked = await db.transaction().execute((trx) => repo.insertLike(trx, { challengeId: id, day: today, from: person.id, to: personId, team: target.team, at }));
      if (liked) invalidateRanks(id);
      const row = await repo.totalOf(db, id, dayPeriod(today), personId);
      return { likes: row?.likes ?? 0, likedByMe: true };
    },

    async syncWechat(auth: AuthContext | null | undefined, body: WechatSyncBody): Promise<SyncResult> {
      const { person } = await staff(auth);
      const appId = config.integrations.wechat?.appId;
      if (!appId) throw new AppError(404, 'PROVIDER_DISABLED', '当前未启用微信运动');
      const session = await db
        .selectFrom('wechat_sessions')
        .select(['openid', 'session_key_enc'])
        .where('person_id', '=', person.id)
        .orderBy('updated_at', 'desc')
        .executeTakeFirst();
      const sessionKey = session ? open(sessionKeyKey, session.session_key_enc, wechatKeyContext(session.openid)) : undefined;
      if (!sessionKey) throw sessionStale();
      let entries: DaySteps[];
      try {
        const data = decryptOpenData({ sessionKey, encryptedData: body.encryptedData, iv: body.iv, appId, now: now() });
        entries = weRunDays(data).map((day) => ({ day: chinaDay(day.timestamp * 1000), steps: day.step }));
      } catch (error) {
        if (error instanceof OpenDataError) {
          deps.log.info({ walk: { personId: person.id, openData: error.reason } }, 'WeRun data refused');
          throw OPEN_DATA_ERRORS[error.reason]();
        }
        throw error;
      }
      return store(person.id, 'wechat', entries);
    },

    async syncDingtalk(auth: AuthContext | null | undefined, log: FastifyBaseLogger): Promise<SyncResult> {
      const { person } = await staff(auth);
      return fetchDingtalk(person.id, log);
    },

    async history(auth: AuthContext | null | undefined, query: { days?: 7 | 30; challengeId?: string }): Promise<History> {
      const { auth: caller, person } = await staff(auth);
      const challenge = query.challengeId ? await visibleChallenge(caller, person, query.challengeId) : undefined;
      const count = query.days ?? 7;
      const today = chinaDay(now());
      const from = addDays(today, -(count - 1));
      const rows = new Map((await repo.stepsOf(db, person.id, from, today)).map((row) => [row.day, row.steps]));
      const days = Array.from({ length: count }, (_, index) => {
        const day = addDays(from, index);
        return { day, steps: rows.get(day) ?? 0 };
      });
      return { days, goal: challenge?.dailyGoal ?? null };
    },

    async rejections(auth: AuthContext | null | undefined, id: string): Promise<RejectionList> {
      requireRole(auth, 'admin');
      if (!(await repo.findChallenge(db, id))) throw notFound('活动不存在');
      const rows = await db
        .selectFrom('walk_rejections as r')
        .innerJoin('walk_participants as w', (join) => join.onRef('w.person_id', '=', 'r.person_id').on('w.challenge_id', '=', id))
        .innerJoin('people as p', 'p.id', 'r.person_id')
        .select(['r.person_id as personId', 'p.name as name', 'r.day as day', 'r.steps as steps', 'r.source as source', 'r.reason as reason', 'r.at as at'])
        .orderBy('r.at', 'desc')
        .limit(200)
        .execute();
      return { rejections: rows.map((row) => ({ ...row, at: toDate(row.at).toISOString() })) };
    },

    /**
     * The daily jobs (each claimed once per day across processes): DingTalk steps for every
     * consented participant with a DingTalk binding, and a reminder to those who have not synced today.
     */
    async runDailyJobs(options: { fetchDingtalk?: boolean; remind?: boolean } = {}): Promise<{ fetched: number; reminded: number }> {
      const today = chinaDay(now());
      const challenges = await runningChallenges(today);
      let fetched = 0;
      let reminded = 0;
      if (options.fetchDingtalk !== false && challenges.length > 0 && deps.upstreams.dingtalk?.getStepInfo && (await claimJob('dingtalk-steps', today))) {
        const people = await db
          .selectFrom('walk_participants as w')
          .innerJoin('identity_bindings as b', (join) => join.onRef('b.person_id', '=', 'w.person_id').on('b.provider', '=', 'dingtalk'))
          .select('w.person_id as personId')
          .distinct()
          .where('w.challenge_id', 'in', challenges.map((challenge) => challenge.id))
          .where('w.consented_at', 'is not', null)
          .execute();
        for (const { personId } of people) {
          try {
            await fetchDingtalk(personId, deps.log);
            fetched += 1;
          } catch (error) {
            deps.log.warn({ walk: { personId, code: (error as { code?: string }).code } }, 'daily DingTalk step fetch failed for one person');
          }
        }
      }
      if (options.remind !== false && (await claimJob('remind', today))) {
        for (const challenge of challenges) {
          const quiet = await db
            .selectFrom('walk_participants as w')
            // synced today = today's row written (or touched) since 00:00 China time
            .leftJoin('walk_steps as s', (join) =>
              join.onRef('s.person_id', '=', 'w.person_id').on('s.day', '=', today).on('s.synced_at', '>=', new Date(`${today}T00:00:00+08:00`).toISOString()),
            )
            .select('w.person_id as personId')
            .where('w.challenge_id', '=', challenge.id)
            .where('w.consented_at', 'is not', null)
            .where('s.person_id', 'is', null)
            .execute();
          reminded += await notifyParticipants(db, {
            challengeId: challenge.id,
            personIds: quiet.map((row) => row.personId),
            day: today,
            message: `「${challenge.name}」今天还没有同步步数，打开健步走同步一下吧（目标 ${challenge.dailyGoal} 步）`,
            at: new Date(now()),
          });
        }
      }
      return { fetched, reminded };
    },
  };
}

export type WalkService = ReturnType<typeof createWalkService>;
