import { generateCampus } from '../campus/generate-campus';
import { DEMO_USERNAMES } from '../campus/demo-accounts';
import { generateFacts, gradePoint, type FactTypeName, type Row } from './generate-facts';

const AS_OF = new Date('2026-12-04T00:00:00.000Z');

function collect(students: number, only?: Set<string>) {
  const campus = generateCampus({ students });
  const rows = new Map<FactTypeName, Row[]>();
  generateFacts(campus, { asOf: AS_OF, ...(only ? { onlyStudents: only } : {}) }, (type, row) => {
    const list = rows.get(type) ?? [];
    list.push(row);
    rows.set(type, list);
  });
  return rows;
}

describe('data-center fact generator', () => {
  const rows = collect(1200);

  it('is deterministic, and a student’s facts do not depend on who else is generated', () => {
    expect(JSON.stringify(collect(1200).get('card_transactions')!.slice(0, 50))).toBe(JSON.stringify(rows.get('card_transactions')!.slice(0, 50)));
    const alone = collect(1200, new Set([DEMO_USERNAMES.student]));
    const mine = (list: Row[] | undefined) => (list ?? []).filter((row) => row.student_number === DEMO_USERNAMES.student);
    for (const type of ['grades', 'card_transactions', 'library_loans', 'activities'] as const) {
      expect(mine(alone.get(type))).toEqual(mine(rows.get(type)));
    }
  });

  it('has realistic distributions: skewed grades with some failures, breakfast skippers, a few silent students', () => {
    const grades = rows.get('grades')!;
    const scores = grades.map((row) => Number(row.score));
    const failRate = scores.filter((score) => score < 60).length / scores.length;
    expect(failRate).toBeGreaterThan(0.01);
    expect(failRate).toBeLessThan(0.08);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const sorted = [...scores].sort((a, b) => a - b);
    // left-skewed: the median sits above the mean
    expect(sorted[Math.floor(sorted.length / 2)]!).toBeGreaterThanOrEqual(mean);
    expect(grades.every((row) => row.grade_point === gradePoint(Number(row.score)))).toBe(true);

    const card = rows.get('card_transactions')!;
    const students = new Set(grades.map((row) => row.student_number));
    const breakfasts = new Map<string, number>();
    for (const row of card) if (row.meal === 'breakfast') breakfasts.set(String(row.student_number), (breakfasts.get(String(row.student_number)) ?? 0) + 1);
    const rarely = [...students].filter((number) => (breakfasts.get(String(number)) ?? 0) <= 6).length / students.size;
    expect(rarely).toBeGreaterThan(0.08);
    expect(rarely).toBeLessThan(0.3);

    const lastDay = new Map<string, string>();
    for (const row of card) if (String(row.occurred_at) > (lastDay.get(String(row.student_number)) ?? '')) lastDay.set(String(row.student_number), String(row.occurred_at));
    const silent = [...lastDay.values()].filter((last) => last < '2026-11-27').length;
    expect(silent).toBeGreaterThanOrEqual(1);
    expect(silent / students.size).toBeLessThan(0.02);
  });

  it('gives the demo teacher the deck’s career and teaching of the demo major', () => {
    const titles = rows.get('teacher_titles')!.filter((row) => row.teacher_number === DEMO_USERNAMES.teacher);
    expect(titles.map((row) => `${row.title} ${row.since}`)).toEqual(['入校 2005-08-01', '助教 2007-01-01', '讲师 2010-04-01', '副教授 2015-03-01']);
    expect(rows.get('teaching')!.some((row) => row.teacher_number === DEMO_USERNAMES.teacher)).toBe(true);
  });
});
