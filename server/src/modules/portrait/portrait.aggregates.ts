/**
 * Major and course portraits for admins: distributions, pass rates and trends over many
 * students, computed in the database. Nothing here names a student or reads life data (card,
 * library, gates): an admin sees the cohort, never the person. A figure over fewer than
 * MIN_GROUP_SIZE people is withheld (null / empty), since it would describe individuals.
 */
import { sql, type Kysely } from 'kysely';
import type { CoursePortrait, CourseType, MajorList, MajorPortrait } from '../../../../types/portrait';
import { MIN_GROUP_SIZE } from '../../../../types/portrait-labels';
import type { Database } from '../../db/schema';
import type { StudentIndicators } from './portrait.compute';

type Db = Kysely<Database>;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
/** `value()` when at least MIN_GROUP_SIZE people stand behind it, else null */
const ifEnough = <T>(people: number, value: () => T): T | null => (people >= MIN_GROUP_SIZE ? value() : null);

const SCORE_BANDS = ['<60', '60–69', '70–79', '80–89', '90–100'] as const;
const scoreBand = sql<string>`case when score < 60 then '<60' when score < 70 then '60–69' when score < 80 then '70–79' when score < 90 then '80–89' else '90–100' end`;
const GPA_BANDS: [string, number][] = [['<1.0', 1], ['1.0–2.0', 2], ['2.0–2.5', 2.5], ['2.5–3.0', 3], ['3.0–3.5', 3.5], ['3.5–4.0', Infinity]];

function bands(rows: { band: string; count: number | string | bigint }[], names: readonly string[]) {
  const counts = new Map(rows.map((row) => [row.band, Number(row.count)]));
  return names.map((band) => ({ band, count: counts.get(band) ?? 0 }));
}

export async function listMajors(db: Db): Promise<MajorList> {
  const majors = await db.selectFrom('majors').innerJoin('colleges', 'colleges.id', 'majors.college_id').select(['majors.id', 'majors.name', 'colleges.name as college']).orderBy('majors.id').execute();
  const stats = await db
    .selectFrom('portrait_students')
    .select(['major_id', (eb) => eb.fn.countAll().as('students'), (eb) => eb.fn.avg('cumulative_gpa').as('gpa')])
    .groupBy('major_id')
    .execute();
  const pass = await db
    .selectFrom('dc_grades')
    .innerJoin('people', 'people.number', 'dc_grades.student_number')
    .select(['people.major_id', (eb) => eb.fn.countAll().as('total'), sql<number>`sum(case when score >= 60 then 1 else 0 end)`.as('passed')])
    .groupBy('people.major_id')
    .execute();
  const warnings = await db
    .selectFrom('portrait_warnings')
    .innerJoin('people', 'people.id', 'portrait_warnings.student_id')
    .select(['people.major_id', (eb) => eb.fn.countAll().as('count')])
    .where('portrait_warnings.status', 'in', ['open', 'acknowledged'])
    .where('portrait_warnings.kind', '!=', 'poverty')
    .groupBy('people.major_id')
    .execute();
  const statOf = new Map(stats.map((row) => [row.major_id, row]));
  const passOf = new Map(pass.map((row) => [row.major_id, row]));
  const warningsOf = new Map(warnings.map((row) => [row.major_id, Number(row.count)]));
  return {
    majors: majors.map((major) => {
      const stat = statOf.get(major.id);
      const passed = passOf.get(major.id);
      const students = Number(stat?.students ?? 0);
      const suppressed = students < MIN_GROUP_SIZE;
      return {
        id: major.id,
        name: major.name,
        college: major.college,
        students,
        averageGpa: suppressed || stat?.gpa === null || stat?.gpa === undefined ? null : round(Number(stat.gpa)),
        passRate: !suppressed && passed && Number(passed.total) > 0 ? round(Number(passed.passed) / Number(passed.total), 3) : null,
        warnings: warningsOf.get(major.id) ?? 0,
        suppressed,
      };
    }),
  };
}

export async function majorPortrait(db: Db, majorId: string): Promise<MajorPortrait | undefined> {
  const major = await db.selectFrom('majors').innerJoin('colleges', 'colleges.id', 'majors.college_id').select(['majors.id', 'majors.name', 'colleges.name as college']).where('majors.id', '=', majorId).executeTakeFirst();
  if (!major) return undefined;
  const students = await db.selectFrom('portrait_students').select(['cumulative_gpa', 'indicators']).where('major_id', '=', majorId).execute();
  const gpaCounts = new Map<string, number>();
  const trend = new Map<string, { sum: number; count: number }>();
  for (const row of students) {
    if (row.cumulative_gpa !== null) {
      const band = GPA_BANDS.find(([, below]) => Number(row.cumulative_gpa) < below)![0];
      gpaCounts.set(band, (gpaCounts.get(band) ?? 0) + 1);
    }
    for (const semester of (JSON.parse(row.indicators) as StudentIndicators).semesters) {
      const entry = trend.get(semester.semester) ?? { sum: 0, count: 0 };
      entry.sum += semester.gpa;
      entry.count += 1;
      trend.set(semester.semester, entry);
    }
  }
  const grades = db.selectFrom('dc_grades').innerJoin('people', 'people.number', 'dc_grades.student_number').where('people.major_id', '=', majorId);
  const scoreRows = await grades.select([scoreBand.as('band'), (eb) => eb.fn.countAll().as('count')]).groupBy(scoreBand).execute();
  const courses = await grades
    .select([
      'dc_grades.course_code',
      (eb) => eb.fn.max('dc_grades.course_name').as('name'),
      (eb) => eb.fn.max('dc_grades.course_type').as('type'),
      (eb) => eb.fn.countAll().as('takers'),
      sql<number>`sum(case when score >= 60 then 1 else 0 end)`.as('passed'),
      (eb) => eb.fn.avg('dc_grades.score').as('average'),
    ])
    .groupBy('dc_grades.course_code')
    .orderBy('dc_grades.course_code')
    .execute();
  const total = scoreRows.reduce((sum, row) => sum + Number(row.count), 0);
  const passed = scoreRows.filter((row) => row.band !== '<60').reduce((sum, row) => sum + Number(row.count), 0);
  const suppressed = students.length < MIN_GROUP_SIZE;
  return {
    id: major.id,
    name: major.name,
    college: major.college,
    students: students.length,
    gpaDistribution: suppressed ? [] : GPA_BANDS.map(([band]) => ({ band, count: gpaCounts.get(band) ?? 0 })),
    scoreDistribution: suppressed ? [] : bands(scoreRows, SCORE_BANDS),
    passRate: !suppressed && total ? round(passed / total, 3) : null,
    gpaTrend: suppressed
      ? []
      : [...trend.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([semester, entry]) => ({ semester, averageGpa: ifEnough(entry.count, () => round(entry.sum / entry.count)) })),
    courses: suppressed
      ? []
      : courses.map((row) => {
          const takers = Number(row.takers);
          return {
            code: row.course_code,
            name: String(row.name),
            type: row.type as CourseType,
            takers,
            passRate: ifEnough(takers, () => round(Number(row.passed) / takers, 3)),
            averageScore: ifEnough(takers, () => round(Number(row.average), 1)),
          };
        }),
    suppressed,
  };
}

export async function coursePortrait(db: Db, code: string): Promise<CoursePortrait | undefined> {
  const grades = db.selectFrom('dc_grades').where('course_code', '=', code);
  const bySemester = await grades
    .select([
      'semester',
      (eb) => eb.fn.max('course_name').as('name'),
      (eb) => eb.fn.max('course_type').as('type'),
      (eb) => eb.fn.countAll().as('takers'),
      sql<number>`sum(case when score >= 60 then 1 else 0 end)`.as('passed'),
      (eb) => eb.fn.avg('score').as('average'),
    ])
    .groupBy('semester')
    .orderBy('semester')
    .execute();
  if (!bySemester.length) return undefined;
  const scoreRows = await grades.select([scoreBand.as('band'), (eb) => eb.fn.countAll().as('count')]).groupBy(scoreBand).execute();
  const takers = bySemester.reduce((sum, row) => sum + Number(row.takers), 0);
  const passedTotal = bySemester.reduce((sum, row) => sum + Number(row.passed), 0);
  const scoreSum = bySemester.reduce((sum, row) => sum + Number(row.average) * Number(row.takers), 0);
  const suppressed = takers < MIN_GROUP_SIZE;
  return {
    code,
    name: String(bySemester[0]!.name),
    type: bySemester[0]!.type as CourseType,
    takers,
    passRate: ifEnough(takers, () => round(passedTotal / takers, 3)),
    averageScore: ifEnough(takers, () => round(scoreSum / takers, 1)),
    scoreDistribution: suppressed ? [] : bands(scoreRows, SCORE_BANDS),
    trend: bySemester.map((row) => {
      const semesterTakers = Number(row.takers);
      return {
        semester: row.semester,
        averageScore: ifEnough(semesterTakers, () => round(Number(row.average), 1)),
        passRate: ifEnough(semesterTakers, () => round(Number(row.passed) / semesterTakers, 3)),
        takers: semesterTakers,
      };
    }),
    suppressed,
  };
}
