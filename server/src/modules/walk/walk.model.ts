/**
 * The rules of a walking challenge with no I/O: who may take part, which team they walk for,
 * what counts, and the motivation figures (share of days at goal, streak).
 */
import type { ChallengeRow, DaySteps } from './walk.repository';
import { addDays, daysBetween } from './walk.days';
import { MAX_STEPS_PER_DAY } from '../../../../types/walk';
import type { Role } from '../../../../types/roles';

export interface WalkGroup {
  name: string;
  departments: string[];
}

/** Walking challenges are for staff; students and parents never see them. */
export const STAFF_ROLES: Role[] = ['teacher', 'counselor', 'dispatcher', 'worker', 'guard', 'admin'];

export const NO_DEPARTMENT = '未分配部门';

export function isEligible(challenge: ChallengeRow, person: { kind: string; department: string | null }): boolean {
  if (person.kind !== 'staff') return false;
  return challenge.scope === 'all' || (person.department !== null && challenge.departments.includes(person.department));
}

export function teamFor(challenge: ChallengeRow, department: string | null): string {
  if (challenge.teamMode === 'group') {
    const group = challenge.groups.find((candidate) => department !== null && candidate.departments.includes(department));
    if (group) return group.name;
  }
  return department ?? NO_DEPARTMENT;
}

export function statusOf(challenge: Pick<ChallengeRow, 'startDate' | 'endDate'>, today: string): 'upcoming' | 'running' | 'ended' {
  if (today < challenge.startDate) return 'upcoming';
  return today > challenge.endDate ? 'ended' : 'running';
}

export type ImpossibleReason = 'negative' | 'too_many' | 'future' | 'not_a_day';

export const IMPOSSIBLE_MESSAGES: Record<ImpossibleReason, string> = {
  negative: '步数不能为负数',
  too_many: `单日步数超过 ${MAX_STEPS_PER_DAY.toLocaleString('en-US')} 步，不可能是步行`,
  future: '不能上报未来日期的步数',
  not_a_day: '日期不正确',
};

export function impossibleReason(entry: DaySteps, today: string): ImpossibleReason | null {
  if (!Number.isInteger(entry.steps) || entry.steps < 0) return 'negative';
  if (entry.steps > MAX_STEPS_PER_DAY) return 'too_many';
  if (entry.day > today) return 'future';
  return null;
}

export interface GoalFigures {
  daysAtGoal: number;
  daysElapsed: number;
  goalShare: number;
  streak: number;
}

/** From the person's days inside the window up to today. */
export function goalFigures(challenge: ChallengeRow, days: DaySteps[], today: string): GoalFigures {
  const last = today > challenge.endDate ? challenge.endDate : today;
  const daysElapsed = last < challenge.startDate ? 0 : daysBetween(challenge.startDate, last) + 1;
  const atGoal = new Set(
    days.filter((day) => day.day >= challenge.startDate && day.day <= last && Math.min(day.steps, challenge.dailyCap) >= challenge.dailyGoal).map((day) => day.day),
  );
  // today not (yet) at goal does not break the streak: it is still going on
  let cursor = atGoal.has(last) ? last : addDays(last, -1);
  let streak = 0;
  while (cursor >= challenge.startDate && atGoal.has(cursor)) {
    streak += 1;
    cursor = addDays(cursor, -1);
  }
  return { daysAtGoal: atGoal.size, daysElapsed, goalShare: daysElapsed === 0 ? 0 : atGoal.size / daysElapsed, streak };
}
