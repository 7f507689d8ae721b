/**
 * Demo data for the walking challenge, and the bulk loader the demo and the benchmark share: it
 * computes a whole challenge's aggregates in memory and writes them in multi-row inserts (what
 * the per-sync path would produce, only faster for thousands of people at once).
 */
import type { Kysely } from 'kysely';
import { demoSteps } from '../../../../mocks/wechat/werun';
import type { Database } from '../../db/schema';
import { ALL_PERIOD, addDays, chinaDay, dayPeriod, daysBetween, weekPeriod } from './walk.days';
import { teamFor } from './walk.model';
import type { ChallengeRow, DaySteps, Db } from './walk.repository';
import { insertChallenge, keepsDayRow } from './walk.repository';

export const DEMO_CHALLENGE_ID = 'demo-walk';
export const DEMO_PAST_CHALLENGE_ID = 'demo-walk-past';
/** for logistics staff only: the demo teacher and counselor are outside it */
export const DEMO_LOGISTICS_CHALLENGE_ID = 'demo-walk-logistics';
export const DEMO_LOGISTICS_DEPARTMENT = '后勤保障处';

async function insertChunked<T extends keyof Database & string>(db: Db, table: T, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const size = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]!).length));
  for (let start = 0; start < rows.length; start += size) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are built to the table's shape by the callers below
    await db.insertInto(table).values(rows.slice(start, start + size) as any).execute();
  }
}

export interface LoadedParticipant {
  personId: string;
  team: string;
  days: DaySteps[];
}

/** Participants (consented) with their aggregates; the raw step rows are the caller's (they are per person, not per challenge). */
export async function loadChallengeParticipants(db: Db, challenge: ChallengeRow, participants: LoadedParticipant[], at: Date): Promise<void> {
  const today = chinaDay(at.getTime());
  const iso = at.toISOString();
  const totals = new Map<string, number>(); // `${period}\u0000${personId}` → counted
  const teamTotals = new Map<string, number>(); // `${period}\u0000${team}`
  const members = new Map<string, number>();
  const teamOf = new Map<string, string>();
  for (const participant of participants) {
    teamOf.set(participant.personId, participant.team);
    members.set(participant.team, (members.get(participant.team) ?? 0) + 1);
    for (const day of participant.days) {
      if (day.day < challenge.startDate || day.day > challenge.endDate) continue;
      const counted = Math.min(day.steps, challenge.dailyCap);
      if (counted === 0) continue;
      const periods = keepsDayRow(challenge, day.day, today) ? [dayPeriod(day.day), weekPeriod(day.day), ALL_PERIOD] : [weekPeriod(day.day), ALL_PERIOD];
      for (const period of periods) {
        const key = `${period}\u0000${participant.personId}`;
        totals.set(key, (totals.get(key) ?? 0) + counted);
        const teamKey = `${period}\u0000${participant.team}`;
        teamTotals.set(teamKey, (teamTotals.get(teamKey) ?? 0) + counted);
      }
    }
  }
  await insertChunked(
    db,
    'walk_participants',
    participants.map((p) => ({ challenge_id: challenge.id, person_id: p.personId, team: p.team, joined_at: iso, consented_at: iso })),
  );
  await insertChunked(db, 'walk_teams', [...members].map(([team, count]) => ({ challenge_id: challenge.id, team, members: count })));
  await insertChunked(
    db,
    'walk_totals',
    [...totals].map(([key, counted]) => {
      const [period, personId] = key.split('\u0000') as [string, string];
      return { challenge_id: challenge.id, period, person_id: personId, team: teamOf.get(personId)!, counted, likes: 0 };
    }),
  );
  await insertChunked(
    db,
    'walk_team_totals',
    [...teamTotals].map(([key, counted]) => {
      const [period, team] = key.split('\u0000') as [string, string];
      return { challenge_id: challenge.id, period, team, counted };
    }),
  );
}

export async function insertStepRows(db: Db, rows: { personId: string; day: string; steps: number; source: 'wechat' | 'dingtalk' }[], at: Date): Promise<void> {
  await insertChunked(
    db,
    'walk_steps',
    rows.map((row) => ({ person_id: row.personId, day: row.day, steps: row.steps, source: row.source, synced_at: at.toISOString() })),
  );
}

/**
 * A running challenge (20 days in, 10 to go) for every active staff member, with plausible steps,
 * and one that ended last month — unless there is a challenge already. Returns whether it seeded.
 */
export async function seedWalkDemo(db: Kysely<Database>, nowMs = Date.now()): Promise<boolean> {
  const existing = await db.selectFrom('walk_challenges').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const staff = await db.selectFrom('people').select(['id', 'department']).where('kind', '=', 'staff').where('status', '=', 'active').orderBy('id').execute();
  if (staff.length === 0) return false;
  const today = chinaDay(nowMs);
  const at = new Date(nowMs);
  const base = { scope: 'all' as const, departments: [], teamMode: 'department' as const, groups: [], dailyGoal: 10_000, dailyCap: 20_000, joinMode: 'opt_in' as const };
  const running: ChallengeRow = { ...base, id: DEMO_CHALLENGE_ID, name: '秋冬季教职工健步走', startDate: addDays(today, -20), endDate: addDays(today, 9) };
  const past: ChallengeRow = { ...base, id: DEMO_PAST_CHALLENGE_ID, name: '夏季健步走挑战赛', startDate: addDays(today, -60), endDate: addDays(today, -31) };
  const logistics: ChallengeRow = {
    ...base,
    id: DEMO_LOGISTICS_CHALLENGE_ID,
    name: '后勤保障处万步行',
    scope: 'departments',
    departments: [DEMO_LOGISTICS_DEPARTMENT],
    dailyGoal: 8000,
    startDate: addDays(today, -6),
    endDate: addDays(today, 7),
  };
  const epochDay = (day: string) => daysBetween('1970-01-01', day);
  const daysOf = (personId: string, challenge: ChallengeRow): DaySteps[] => {
    const last = challenge.endDate < today ? challenge.endDate : today;
    return Array.from({ length: daysBetween(challenge.startDate, last) + 1 }, (_, index) => {
      const day = addDays(challenge.startDate, index);
      const steps = demoSteps(personId, epochDay(day));
      // the day is not over yet
      return { day, steps: day === today ? Math.round(steps * 0.6) : steps };
    });
  };
  await db.transaction().execute(async (trx) => {
    const rows: { personId: string; day: string; steps: number; source: 'wechat' }[] = [];
    for (const challenge of [running, past]) {
      await insertChallenge(trx, challenge, null, at);
      const participants = staff.map((person) => ({ personId: person.id, team: teamFor(challenge, person.department), days: daysOf(person.id, challenge) }));
      await loadChallengeParticipants(trx, challenge, participants, at);
      for (const participant of participants) for (const day of participant.days) rows.push({ personId: participant.personId, day: day.day, steps: day.steps, source: 'wechat' });
    }
    await insertStepRows(trx, rows, at);
    // the same people's steps, already stored: the logistics challenge only needs its aggregates
    await insertChallenge(trx, logistics, null, at);
    const inLogistics = staff.filter((person) => person.department === DEMO_LOGISTICS_DEPARTMENT);
    await loadChallengeParticipants(
      trx,
      logistics,
      inLogistics.map((person) => ({ personId: person.id, team: teamFor(logistics, person.department), days: daysOf(person.id, running) })),
      at,
    );
  });
  return true;
}
