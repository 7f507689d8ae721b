/**
 * Recomputes portraits from the facts, incrementally: only the students whose facts changed get
 * their indicators recomputed from the facts; the rest of their cohort (same major and grade) is
 * re-evaluated from the stored indicators, because ranks, the spending median and so the tags of
 * everyone in a cohort move when one member's facts do.
 *
 * "Today" is the data horizon: the day after the latest card / gate record, so a data feed that
 * stops for a week does not make the whole campus 失联.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { CourseType, PortraitTag, TeacherPortrait, WarningKind, WarningLevel } from '../../../../types/portrait';
import { WARNING_LABELS, WARNING_LEVEL_LABELS } from '../../../../types/portrait';
import { toDate, type Database } from '../../db/schema';
import { enqueueMessages } from '../messages/messages.repository';
import { computeIndicators, evaluateCohort, type CohortMember, type StudentIndicators, type StudentInput } from './portrait.compute';
import { defaultRuleSet, RULE_DEFINITIONS, type RuleSet } from './portrait.rules';

const DAY = 86_400_000;
const CST = 8 * 3_600_000;
const BATCH = 1_000;
const iso = (value: Date | string): string => (typeof value === 'string' ? value : toDate(value).toISOString());

export interface RecomputeScope {
  /** student numbers whose facts changed, or every student */
  students?: Iterable<string> | 'all';
  teachers?: Iterable<string> | 'all';
  /** majors whose program changed */
  majors?: Iterable<string>;
}

export interface RecomputeReport {
  studentsRecomputed: number;
  studentsReevaluated: number;
  teachers: number;
  warningsRaised: number;
  milliseconds: number;
  asOf: string;
}

/** The rules as stored (defaults for any key with no row yet). */
export async function loadRules(db: Kysely<Database>): Promise<RuleSet> {
  const rules = defaultRuleSet();
  const rows = await db.selectFrom('portrait_rules').selectAll().execute();
  for (const row of rows) {
    if (!rules[row.key]) continue;
    rules[row.key] = { key: row.key, label: row.label, enabled: Number(row.enabled) === 1, params: JSON.parse(row.params) };
  }
  return rules;
}

export async function ensureRules(db: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('portrait_rules')
    .values(RULE_DEFINITIONS.map((rule) => ({ key: rule.key, kind: rule.kind, label: rule.label, params: JSON.stringify(rule.params), enabled: 1, updated_at: now, updated_by: null })))
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
}

/** The day after the latest card or gate record (local midnight), or now when there are none. */
export async function dataHorizon(db: Kysely<Database>): Promise<Date> {
  const card = await db.selectFrom('dc_card_transactions').select((eb) => eb.fn.max('occurred_at').as('last')).executeTakeFirst();
  const gate = await db.selectFrom('dc_gate_records').select((eb) => eb.fn.max('occurred_at').as('last')).executeTakeFirst();
  const times = [card?.last, gate?.last].filter((value): value is Date | string => Boolean(value)).map((value) => toDate(value).getTime());
  if (!times.length) return new Date();
  const last = Math.max(...times);
  return new Date((Math.floor((last + CST) / DAY) + 1) * DAY - CST);
}

interface StudentRow {
  id: string;
  number: string;
  name: string;
  class_id: string | null;
  major_id: string | null;
  enrolled_year: number | null;
  college_name: string | null;
  counselor_id: string | null;
}

function studentQuery(db: Kysely<Database>) {
  return db
    .selectFrom('people')
    .leftJoin('classes', 'classes.id', 'people.class_id')
    .leftJoin('colleges', 'colleges.id', 'people.college_id')
    .select(['people.id', 'people.number', 'people.name', 'people.class_id', 'people.major_id', 'people.enrolled_year', 'colleges.name as college_name', 'classes.counselor_id'])
    .where('people.kind', '=', 'student');
}

const chunks = <T>(items: T[], size: number): T[][] => {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
};

/**
 * Card transactions summed per student and local (CST) day in the database: a tenth of the rows
 * a per-transaction read would move. The local day is the one dialect-specific expression.
 */
async function cardDays(db: Kysely<Database>, numbers: string[], since: string) {
  const day =
    dialectOf(db) === 'postgres'
      ? sql<string>`to_char(occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`
      : sql<string>`date(occurred_at, '+8 hours')`;
  const breakfast = dialectOf(db) === 'postgres' ? sql<number>`max(case when meal = 'breakfast' then 1 else 0 end)` : sql<number>`max(meal = 'breakfast')`;
  return db
    .selectFrom('dc_card_transactions')
    .select(['student_number', day.as('day'), (eb) => eb.fn.sum<number>('amount_cents').as('cents'), breakfast.as('breakfast'), (eb) => eb.fn.max('occurred_at').as('last')])
    .where('student_number', 'in', numbers)
    .where('occurred_at', '>=', since)
    .groupBy(['student_number', day])
    .execute();
}

async function loadInputs(db: Kysely<Database>, students: StudentRow[], asOf: Date, requirements: Map<string, Partial<Record<CourseType, number>>>): Promise<StudentInput[]> {
  const numbers = students.map((student) => student.number);
  const since = (days: number) => new Date(asOf.getTime() - days * DAY).toISOString();
  const [grades, card, gates, loans, attendance, awards, physical, activities] = await Promise.all([
    db.selectFrom('dc_grades').select(['student_number', 'semester', 'course_code', 'course_name', 'course_type', 'credits', 'score', 'grade_point']).where('student_number', 'in', numbers).execute(),
    cardDays(db, numbers, since(62)),
    db.selectFrom('dc_gate_records').select(['student_number', (eb) => eb.fn.max('occurred_at').as('last')]).where('student_number', 'in', numbers).groupBy('student_number').execute(),
    db.selectFrom('dc_library_loans').select(['student_number', 'borrowed_at', 'category']).where('student_number', 'in', numbers).where('borrowed_at', '>=', since(180)).execute(),
    db.selectFrom('dc_attendance').select(['student_number', 'semester', 'status']).where('student_number', 'in', numbers).execute(),
    db.selectFrom('dc_awards').select(['student_number', 'kind', 'title']).where('student_number', 'in', numbers).execute(),
    db.selectFrom('dc_physical_tests').select(['student_number', 'year', 'score']).where('student_number', 'in', numbers).execute(),
    db.selectFrom('dc_activities').select(['student_number', 'category', 'hours']).where('student_number', 'in', numbers).execute(),
  ]);
  const group = <T extends { student_number: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(row.student_number);
      if (list) list.push(row);
      else map.set(row.student_number, [row]);
    }
    return map;
  };
  const g = { grades: group(grades), card: group(card), gates: group(gates), loans: group(loans), attendance: group(attendance), awards: group(awards), physical: group(physical), activities: group(activities) };
  return students.map((student) => ({
    id: student.id,
    number: student.number,
    classId: student.class_id,
    majorId: student.major_id,
    enrolledYear: student.enrolled_year,
    collegeName: student.college_name ?? '',
    grades: (g.grades.get(student.number) ?? []).map((row) => ({ ...row, credits: Number(row.credits), score: Number(row.score), grade_point: Number(row.grade_point) })),
    requirements: requirements.get(student.major_id ?? '') ?? {},
    cardDays: (g.card.get(student.number) ?? []).map((row) => ({ day: row.day, cents: Number(row.cents), breakfast: Number(row.breakfast) === 1, last: iso(row.last) })),
    gateTimes: (g.gates.get(student.number) ?? []).filter((row) => row.last).map((row) => iso(row.last as Date | string)),
    loans: (g.loans.get(student.number) ?? []).map((row) => ({ borrowed_at: iso(row.borrowed_at), category: row.category })),
    attendance: g.attendance.get(student.number) ?? [],
    awards: g.awards.get(student.number) ?? [],
    physical: (g.physical.get(student.number) ?? []).map((row) => ({ year: Number(row.year), score: Number(row.score) })),
    activities: (g.activities.get(student.number) ?? []).map((row) => ({ category: row.category, hours: Number(row.hours) })),
  }));
}

export interface CounselorNotice {
  warningId: string;
  counselorId: string;
  studentId: string;
  studentName: string;
  kind: WarningKind;
  level: WarningLevel;
  why: string;
  raisedAt: string;
}

/** Where a warning message leads: the counselor's warnings list in the portrait subpackage. */
const COUNSELOR_WARNINGS_LINK = '/packages/portrait/pages/counselor/index';

/**
 * Pushes warnings to the students' counselors: one `portrait_notifications` row per raise and
 * level (a repeated recompute or a concurrent one pushes nothing twice), and for each new row an
 * inbox message (with its WeChat / DingTalk outbox rows) in the same transaction, so a warning is
 * recorded and queued together or not at all. Returns how many were new. Takes a batch: a first
 * recompute raises thousands at once.
 */
export async function notifyCounselor(db: Kysely<Database>, notices: CounselorNotice[]): Promise<number> {
  let inserted = 0;
  for (const part of chunks(notices, 2_000)) {
    const now = new Date();
    inserted += await db.transaction().execute(async (trx) => {
      const fresh = await trx
        .insertInto('portrait_notifications')
        .values(
          part.map((notice) => ({
            id: randomUUID(),
            warning_id: notice.warningId,
            counselor_id: notice.counselorId,
            student_id: notice.studentId,
            level: notice.level,
            raised_at: notice.raisedAt,
            title: `${WARNING_LABELS[notice.kind]}（${WARNING_LEVEL_LABELS[notice.level]}）：${notice.studentName}`,
            body: notice.why,
            created_at: now.toISOString(),
          })),
        )
        .onConflict((conflict) => conflict.columns(['warning_id', 'level', 'raised_at']).doNothing())
        .returning(['counselor_id', 'title', 'body'])
        .execute();
      for (const row of fresh) {
        await enqueueMessages(trx, [row.counselor_id], { title: row.title, body: row.body, link: COUNSELOR_WARNINGS_LINK }, now);
      }
      return fresh.length;
    });
  }
  return inserted;
}

const LEVEL_ORDER: Record<WarningLevel, number> = { yellow: 1, orange: 2, red: 3 };
type Raised = { kind: WarningKind; level: WarningLevel; why: string };

/**
 * Brings `portrait_warnings` in line with what the rules say now: new warnings in one multi-row
 * insert per batch (a concurrent recompute's row wins: `on conflict do nothing`), closed or
 * escalated ones reopened, changed reasons updated, vanished ones cleared; each raise notified.
 */
async function syncWarnings(db: Kysely<Database>, students: StudentRow[], evaluated: Map<string, Raised[]>): Promise<number> {
  const now = new Date().toISOString();
  const notices: CounselorNotice[] = [];
  const notice = (student: StudentRow, id: string, warning: Raised) => {
    if (student.counselor_id) notices.push({ warningId: id, counselorId: student.counselor_id, studentId: student.id, studentName: student.name, ...warning, raisedAt: now });
  };
  for (const batch of chunks(students, BATCH)) {
    const existing = await db.selectFrom('portrait_warnings').selectAll().where('student_id', 'in', batch.map((s) => s.id)).execute();
    const byKey = new Map(existing.map((row) => [`${row.student_id}|${row.kind}`, row]));
    const fresh: { student: StudentRow; warning: Raised }[] = [];
    for (const student of batch) {
      const current = evaluated.get(student.id) ?? [];
      for (const warning of current) {
        const row = byKey.get(`${student.id}|${warning.kind}`);
        if (!row) {
          fresh.push({ student, warning });
          continue;
        }
        const closed = row.status === 'resolved' || row.status === 'cleared';
        if (closed || LEVEL_ORDER[warning.level] > LEVEL_ORDER[row.level]) {
          await db.updateTable('portrait_warnings').set({ level: warning.level, why: warning.why, status: 'open', raised_at: now, updated_at: now, counselor_id: student.counselor_id }).where('id', '=', row.id).execute();
          notice(student, row.id, warning);
        } else if (row.level !== warning.level || row.why !== warning.why) {
          await db.updateTable('portrait_warnings').set({ level: warning.level, why: warning.why, updated_at: now }).where('id', '=', row.id).execute();
        }
      }
      const kinds = new Set(current.map((warning) => warning.kind));
      const vanished = existing.filter((row) => row.student_id === student.id && !kinds.has(row.kind) && (row.status === 'open' || row.status === 'acknowledged'));
      if (vanished.length) {
        await db.updateTable('portrait_warnings').set({ status: 'cleared', updated_at: now }).where('id', 'in', vanished.map((row) => row.id)).where('status', 'in', ['open', 'acknowledged']).execute();
      }
    }
    for (const part of chunks(fresh, 2_000)) {
      const inserted = await db
        .insertInto('portrait_warnings')
        .values(part.map(({ student, warning }) => ({ id: randomUUID(), student_id: student.id, counselor_id: student.counselor_id, kind: warning.kind, level: warning.level, why: warning.why, status: 'open' as const, raised_at: now, updated_at: now, handled_by: null, note: null })))
        .onConflict((conflict) => conflict.columns(['student_id', 'kind']).doNothing())
        .returning(['id', 'student_id', 'kind'])
        .execute();
      const byStudent = new Map(part.map((entry) => [`${entry.student.id}|${entry.warning.kind}`, entry]));
      for (const row of inserted) {
        const entry = byStudent.get(`${row.student_id}|${row.kind}`)!;
        notice(entry.student, row.id, entry.warning);
      }
    }
  }
  return notifyCounselor(db, notices);
}

async function writeStudents(
  db: Kysely<Database>,
  rows: { student: StudentRow; indicators: StudentIndicators; rankClass: number | null; classSize: number | null; rankMajor: number | null; majorSize: number | null; tags: PortraitTag[] }[],
): Promise<void> {
  const now = new Date().toISOString();
  for (const batch of chunks(rows, 1_000)) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('portrait_students')
        .values(
          batch.map(({ student, indicators, ...rank }) => ({
            student_id: student.id,
            class_id: student.class_id,
            major_id: student.major_id,
            enrolled_year: student.enrolled_year,
            cumulative_gpa: indicators.cumulativeGpa,
            failed_credits: indicators.failedCredits,
            spend_30d: indicators.spend30d,
            rank_class: rank.rankClass,
            class_size: rank.classSize,
            rank_major: rank.rankMajor,
            major_size: rank.majorSize,
            indicators: JSON.stringify(indicators),
            computed_at: now,
          })),
        )
        .onConflict((conflict) =>
          conflict.column('student_id').doUpdateSet((eb) => ({
            class_id: eb.ref('excluded.class_id'),
            major_id: eb.ref('excluded.major_id'),
            enrolled_year: eb.ref('excluded.enrolled_year'),
            cumulative_gpa: eb.ref('excluded.cumulative_gpa'),
            failed_credits: eb.ref('excluded.failed_credits'),
            spend_30d: eb.ref('excluded.spend_30d'),
            rank_class: eb.ref('excluded.rank_class'),
            class_size: eb.ref('excluded.class_size'),
            rank_major: eb.ref('excluded.rank_major'),
            major_size: eb.ref('excluded.major_size'),
            indicators: eb.ref('excluded.indicators'),
            computed_at: eb.ref('excluded.computed_at'),
          })),
        )
        .execute();
      await trx.deleteFrom('portrait_tags').where('student_id', 'in', batch.map((row) => row.student.id)).execute();
      const tags = batch.flatMap(({ student, tags }) =>
        tags.map((tag) => ({ student_id: student.id, tag_key: tag.key, kind: tag.kind, label: tag.label, level: tag.level ?? null, why: tag.why, computed_at: now })),
      );
      for (const part of chunks(tags, 3_000)) await trx.insertInto('portrait_tags').values(part).execute();
    });
  }
}

export async function recomputeStudents(db: Kysely<Database>, scope: RecomputeScope, asOf: Date, rules: RuleSet): Promise<Omit<RecomputeReport, 'teachers' | 'milliseconds' | 'asOf'>> {
  const all = scope.students === 'all';
  const changedNumbers = all ? null : new Set(scope.students ?? []);
  const majors = new Set(scope.majors ?? []);
  if (!all && changedNumbers!.size === 0 && majors.size === 0) return { studentsRecomputed: 0, studentsReevaluated: 0, warningsRaised: 0 };

  // the cohorts touched
  let touched: StudentRow[] = [];
  if (all) touched = await studentQuery(db).execute();
  else {
    for (const batch of chunks([...changedNumbers!], BATCH)) touched.push(...(await studentQuery(db).where('people.number', 'in', batch).execute()));
    if (majors.size) touched.push(...(await studentQuery(db).where('people.major_id', 'in', [...majors]).execute()));
  }
  const cohortKey = (row: StudentRow) => `${row.major_id}|${row.enrolled_year}`;
  const cohorts = new Set(touched.map(cohortKey));
  const members: StudentRow[] = all
    ? touched
    : (
        await Promise.all(
          [...cohorts].map((key) => {
            const [major, year] = key.split('|');
            return studentQuery(db).where('people.major_id', '=', major!).where('people.enrolled_year', '=', Number(year)).execute();
          }),
        )
      ).flat();
  const fresh = new Set(all ? members.map((row) => row.number) : [...touched.map((row) => row.number)]);

  const requirements = new Map<string, Partial<Record<CourseType, number>>>();
  for (const row of await db.selectFrom('dc_program_requirements').selectAll().execute()) {
    requirements.set(row.major_id, { ...requirements.get(row.major_id), [row.category]: Number(row.credits) });
  }

  const indicators = new Map<string, StudentIndicators>();
  const toRecompute = members.filter((row) => fresh.has(row.number));
  for (const batch of chunks(toRecompute, BATCH)) {
    for (const input of await loadInputs(db, batch, asOf, requirements)) indicators.set(input.id, computeIndicators(input, rules, asOf));
  }
  const stale = members.filter((row) => !fresh.has(row.number));
  for (const batch of chunks(stale, BATCH)) {
    const stored = await db.selectFrom('portrait_students').select(['student_id', 'indicators']).where('student_id', 'in', batch.map((row) => row.id)).execute();
    for (const row of stored) indicators.set(row.student_id, JSON.parse(row.indicators));
  }
  // a cohort member never computed before (new in the directory): compute now
  const missing = members.filter((row) => !indicators.has(row.id));
  for (const batch of chunks(missing, BATCH)) {
    for (const input of await loadInputs(db, batch, asOf, requirements)) indicators.set(input.id, computeIndicators(input, rules, asOf));
  }

  const byCohort = new Map<string, StudentRow[]>();
  for (const row of members) byCohort.set(cohortKey(row), [...(byCohort.get(cohortKey(row)) ?? []), row]);
  const writes: Parameters<typeof writeStudents>[1] = [];
  const warnings = new Map<string, { kind: WarningKind; level: WarningLevel; why: string }[]>();
  for (const rows of byCohort.values()) {
    const cohort: CohortMember[] = rows.map((row) => ({ studentId: row.id, classId: row.class_id, indicators: indicators.get(row.id)! }));
    const evaluated = evaluateCohort(cohort, rules, asOf);
    evaluated.forEach((result, index) => {
      const row = rows[index]!;
      writes.push({ student: row, indicators: { ...indicators.get(row.id)!, cohortMedianSpend: result.cohortMedianSpend }, ...result });
      warnings.set(row.id, result.warnings);
    });
  }
  await writeStudents(db, writes);
  const warningsRaised = await syncWarnings(db, members, warnings);
  return { studentsRecomputed: toRecompute.length + missing.length, studentsReevaluated: members.length, warningsRaised };
}

type TeacherIndicators = Omit<TeacherPortrait, 'teacher' | 'computedAt'>;

export async function recomputeTeachers(db: Kysely<Database>, scope: RecomputeScope['teachers'], asOf: Date): Promise<number> {
  if (!scope) return 0;
  let query = db
    .selectFrom('people')
    .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
    .select(['people.id', 'people.number', 'people.college_id'])
    .where('person_roles.role', '=', 'teacher');
  if (scope !== 'all') {
    const numbers = [...scope];
    if (!numbers.length) return 0;
    // a teacher's evaluation is shown against the college average: the whole college moves with it
    const colleges = await db.selectFrom('people').select('college_id').distinct().where('number', 'in', numbers).where('college_id', 'is not', null).execute();
    const ids = colleges.map((row) => row.college_id!);
    query = ids.length ? query.where((eb) => eb.or([eb('people.number', 'in', numbers), eb('people.college_id', 'in', ids)])) : query.where('people.number', 'in', numbers);
  }
  const teachers = await query.execute();
  // college averages of the student evaluations, per semester
  const averages = await db
    .selectFrom('dc_teaching_evaluations')
    .innerJoin('people', 'people.number', 'dc_teaching_evaluations.teacher_number')
    .select(['people.college_id', 'dc_teaching_evaluations.semester', (eb) => eb.fn.avg('dc_teaching_evaluations.score').as('average')])
    .groupBy(['people.college_id', 'dc_teaching_evaluations.semester'])
    .execute();
  const collegeAverage = new Map(averages.map((row) => [`${row.college_id}|${row.semester}`, Math.round(Number(row.average) * 10) / 10]));
  const asOfYear = asOf.getUTCFullYear();
  const now = new Date().toISOString();
  for (const batch of chunks(teachers, 500)) {
    const numbers = batch.map((teacher) => teacher.number);
    const [titles, publications, projects, teaching, evaluations, supervision] = await Promise.all([
      db.selectFrom('dc_teacher_titles').selectAll().where('teacher_number', 'in', numbers).orderBy('since').execute(),
      db.selectFrom('dc_publications').select(['teacher_number', 'kind', 'year']).where('teacher_number', 'in', numbers).execute(),
      db.selectFrom('dc_research_projects').select(['teacher_number', 'start_year', 'funding_wan']).where('teacher_number', 'in', numbers).execute(),
      db.selectFrom('dc_teaching').selectAll().where('teacher_number', 'in', numbers).execute(),
      db.selectFrom('dc_teaching_evaluations').selectAll().where('teacher_number', 'in', numbers).execute(),
      db.selectFrom('dc_supervision_scores').select(['teacher_number', 'score']).where('teacher_number', 'in', numbers).execute(),
    ]);
    const rows = batch.map((teacher) => {
      const mine = <T extends { teacher_number: string }>(list: T[]) => list.filter((row) => row.teacher_number === teacher.number);
      const years = new Map<number, TeacherIndicators['outputByYear'][number]>();
      const yearOf = (year: number) => {
        const entry = years.get(year) ?? { year, papers: 0, patents: 0, books: 0, projects: 0, fundingWan: 0 };
        years.set(year, entry);
        return entry;
      };
      for (const row of mine(publications)) {
        const entry = yearOf(Number(row.year));
        if (row.kind === 'paper') entry.papers += 1;
        else if (row.kind === 'patent') entry.patents += 1;
        else entry.books += 1;
      }
      for (const row of mine(projects)) {
        const entry = yearOf(Number(row.start_year));
        entry.projects += 1;
        entry.fundingWan += Number(row.funding_wan);
      }
      const evals = mine(evaluations);
      const bySemester = new Map<string, number[]>();
      for (const row of evals) bySemester.set(row.semester, [...(bySemester.get(row.semester) ?? []), Number(row.score)]);
      const evaluationTrend = [...bySemester.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([semester, scores]) => ({ semester, score: Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10, collegeAverage: collegeAverage.get(`${teacher.college_id}|${semester}`) ?? null }));
      const sup = mine(supervision).map((row) => Number(row.score));
      const supervisionAverage = sup.length ? Math.round((sup.reduce((a, b) => a + b, 0) / sup.length) * 10) / 10 : null;
      const taught = mine(teaching);
      const recent = [...years.values()].filter((entry) => entry.year > asOfYear - 5);
      const output5 = recent.reduce((sum, entry) => sum + entry.papers + entry.patents * 2 + entry.books * 3, 0);
      const funding5 = recent.reduce((sum, entry) => sum + entry.fundingWan, 0);
      const evalAverage = evaluationTrend.length ? evaluationTrend.reduce((sum, row) => sum + row.score, 0) / evaluationTrend.length : 0;
      const students = taught.reduce((sum, row) => sum + Number(row.students), 0);
      const clamp = (value: number) => Math.max(0, Math.min(100, Math.round(value)));
      const indicators: TeacherIndicators = {
        timeline: mine(titles).map((row) => ({ title: row.title, since: row.since })),
        outputByYear: [...years.values()].sort((a, b) => a.year - b.year),
        evaluations: evaluationTrend,
        supervisionAverage,
        teaching: { courses: new Set(taught.map((row) => row.course_code)).size, students, hours: taught.reduce((sum, row) => sum + Number(row.hours), 0), semesters: new Set(taught.map((row) => row.semester)).size },
        radar: [
          { key: 'research', label: '科研能力', score: clamp((output5 / 15) * 100), basis: `近 5 年论文 + 专利×2 + 著作×3 = ${output5}（满分 15）` },
          { key: 'funding', label: '项目经费', score: clamp((funding5 / 100) * 100), basis: `近 5 年立项经费 ${funding5} 万元（满分 100 万）` },
          { key: 'teaching', label: '教学水平', score: clamp((evalAverage - 60) * 2.5), basis: `学生评教平均 ${Math.round(evalAverage * 10) / 10} 分（60 分为 0，100 分为满分）` },
          { key: 'supervision', label: '督导评价', score: clamp(((supervisionAverage ?? 60) - 60) * 2.5), basis: `督导听课平均 ${supervisionAverage ?? '—'} 分` },
          { key: 'workload', label: '教学工作量', score: clamp((students / 600) * 100), basis: `累计授课 ${students} 人次（满分 600）` },
        ],
      };
      return { teacher_id: teacher.id, college_id: teacher.college_id, indicators: JSON.stringify(indicators), computed_at: now };
    });
    if (rows.length) {
      await db
        .insertInto('portrait_teachers')
        .values(rows)
        .onConflict((conflict) => conflict.column('teacher_id').doUpdateSet((eb) => ({ college_id: eb.ref('excluded.college_id'), indicators: eb.ref('excluded.indicators'), computed_at: eb.ref('excluded.computed_at') })))
        .execute();
    }
  }
  return teachers.length;
}

/** Recompute what the scope touches. Safe to run twice: the second run changes nothing. */
export async function recomputePortraits(db: Kysely<Database>, scope: RecomputeScope, options: { asOf?: Date } = {}): Promise<RecomputeReport> {
  const started = performance.now();
  await ensureRules(db);
  const rules = await loadRules(db);
  const asOf = options.asOf ?? (await dataHorizon(db));
  const students = await recomputeStudents(db, scope, asOf, rules);
  const teachers = await recomputeTeachers(db, scope.teachers, asOf);
  return { ...students, teachers, milliseconds: Math.round(performance.now() - started), asOf: asOf.toISOString() };
}

