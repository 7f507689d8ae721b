/**
 * The import path: export files from the generator, row validation with line numbers,
 * idempotent re-import, incremental updates and the recompute they trigger.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_USERNAMES } from '../../../../mocks/campus/demo-accounts';
import { TEST_DIALECTS, TEST_STUDENTS, createTestApp, type TestApp } from '../../test/test-app';
import { demoAsOf } from './datacenter.seed';
import { writeExportFiles } from './datacenter.export';
import { importDirectory } from './datacenter.import';
import { recomputePortraits } from '../portrait/portrait.recompute';

describe.each(TEST_DIALECTS)('data-center import on %s', (dialect) => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    dir = mkdtempSync(path.join(tmpdir(), 'datacenter-export-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const freshDir = (name: string) => {
    const target = path.join(dir, name);
    rmSync(target, { recursive: true, force: true });
    return target;
  };

  it('imports the generator’s export files; the demo seed already holds the same facts, so nothing changes', async () => {
    const exported = freshDir('generated');
    const counts = writeExportFiles(exported, { students: TEST_STUDENTS, asOf: demoAsOf(), format: 'csv' });
    expect(counts.grades).toBeGreaterThan(100);
    expect(counts.card_transactions).toBeGreaterThan(1000);
    const report = await importDirectory(t.app.db, exported);
    expect(report.errors).toEqual([]);
    expect(report.files.map((file) => [file.type, file.rows === counts[file.type], file.changed])).toEqual(
      Object.keys(counts).map((type) => [type, true, 0]),
    );
    expect(report.recompute).toEqual(expect.objectContaining({ studentsRecomputed: 0, teachers: 0 }));
  });

  it('reports each bad row with its file, line and column, and imports the good rows', async () => {
    const bad = freshDir('bad');
    require('node:fs').mkdirSync(bad);
    writeFileSync(
      path.join(bad, 'grades.csv'),
      [
        'student_number,semester,course_code,course_name,course_type,credits,score,grade_point,teacher_number',
        `${DEMO_USERNAMES.student},2024-2025-1,X001,"测试课程, 上",elective,2,88,3.7,`,
        `${DEMO_USERNAMES.student},2024-2025-1,X002,测试课程二,elective,2,abc,3.7,`,
        `9999999999,2024-2025-1,X003,测试课程三,elective,2,70,2,`,
        `${DEMO_USERNAMES.student},2024-2026-1,X004,测试课程四,optional,2,70,2,`,
        '',
        `${DEMO_USERNAMES.student},2024-2025-2,X005,测试课程五,general,2,101,4,`,
      ].join('\n'),
    );
    writeFileSync(
      path.join(bad, 'library_loans.jsonl'),
      [
        JSON.stringify({ loan_id: 'LX1', student_number: DEMO_USERNAMES.student, book_title: '三体', category: '文学', borrowed_at: '2026-11-20 10:00:00', returned_at: null }),
        '{not json',
        JSON.stringify({ loan_id: 'LX2', student_number: DEMO_USERNAMES.student, book_title: '活着', category: '文学', borrowed_at: '2026-02-30T10:00:00Z', returned_at: null, isbn: '1' }),
      ].join('\n'),
    );
    writeFileSync(path.join(bad, 'awards.json'), JSON.stringify([{ record_id: 'AX1', student_number: DEMO_USERNAMES.student, kind: 'medal', title: '奖', level: '校级', awarded_on: '2026-01-01' }]));
    writeFileSync(path.join(bad, 'notes.txt'), 'not an export');

    const report = await importDirectory(t.app.db, bad, { recompute: false });
    expect(report.errors.map((e) => `${e.file}:${e.line}${e.column ? `:${e.column}` : ''} ${e.message}`)).toEqual([
      'grades.csv:3:score 成绩应为数字（收到 "abc"）',
      'grades.csv:5:semester 学期格式应为 2024-2025-1（收到 "2024-2026-1"）',
      'grades.csv:5:course_type 课程类型应为 required / elective / general 之一（收到 "optional"）',
      'grades.csv:7:score 成绩不能大于 100（收到 101）',
      'grades.csv:4:student_number 学号 9999999999 不在通讯录中',
      'library_loans.jsonl:2 不是合法的 JSON',
      'library_loans.jsonl:3:isbn 未知的列 "isbn"',
      'library_loans.jsonl:3:borrowed_at 借出时间不是有效时间（收到 "2026-02-30T10:00:00Z"，应为 2025-03-01 08:05:00 或带时区的 ISO 8601）',
      'awards.json:1:kind 类别应为 award / scholarship / grant / punishment 之一（收到 "medal"）',
    ]);
    expect(report.ignoredFiles).toEqual(['notes.txt']);
    expect(report.files.find((file) => file.type === 'grades')).toEqual(expect.objectContaining({ rows: 5, valid: 1, changed: 1, errors: 4 }));
    const imported = await t.app.db.selectFrom('dc_grades').selectAll().where('course_code', '=', 'X001').executeTakeFirstOrThrow();
    expect(imported.course_name).toBe('测试课程, 上');
    // a zone-less time is China Standard Time
    const loan = await t.app.db.selectFrom('dc_library_loans').select('borrowed_at').where('loan_id', '=', 'LX1').executeTakeFirstOrThrow();
    expect(new Date(loan.borrowed_at).toISOString()).toBe('2026-11-20T02:00:00.000Z');
  });

  it('re-importing the same file changes nothing; a corrected row updates only that row and recomputes only that cohort', async () => {
    const student = await t.app.db.selectFrom('people').select(['id', 'name', 'class_id', 'major_id', 'enrolled_year']).where('number', '=', DEMO_USERNAMES.student).executeTakeFirstOrThrow();
    const grades = await t.app.db.selectFrom('dc_grades').selectAll().where('student_number', '=', DEMO_USERNAMES.student).orderBy('semester').orderBy('course_code').execute();
    const header = 'student_number,semester,course_code,course_name,course_type,credits,score,grade_point,teacher_number';
    const csv = (rows: typeof grades) => [header, ...rows.map((g) => [g.student_number, g.semester, g.course_code, g.course_name, g.course_type, g.credits, g.score, g.grade_point, g.teacher_number ?? ''].join(','))].join('\n');
    const update = freshDir('update');
    require('node:fs').mkdirSync(update);
    writeFileSync(path.join(update, 'grades.csv'), csv(grades));
    const same = await importDirectory(t.app.db, update);
    expect(same.files[0]).toEqual(expect.objectContaining({ rows: grades.length, changed: 0 }));
    expect(same.recompute).toEqual(expect.objectContaining({ studentsRecomputed: 0, studentsReevaluated: 0 }));

    // the data center corrects two 4-credit-ish courses to failing scores: 学业预警 for this student only
    const failing = grades.filter((g) => g.course_type === 'required').slice(0, 2);
    const credits = failing.reduce((sum, g) => sum + Number(g.credits), 0);
    const corrected = grades.map((g) => (failing.includes(g) ? { ...g, score: 40, grade_point: 0 } : g));
    writeFileSync(path.join(update, 'grades.csv'), csv(corrected));
    const cohort = await t.app.db.selectFrom('people').select('id').where('major_id', '=', student.major_id).where('enrolled_year', '=', student.enrolled_year).execute();
    const changed = await importDirectory(t.app.db, update);
    expect(changed.files[0]!.changed).toBe(2);
    expect(changed.recompute).toEqual(expect.objectContaining({ studentsRecomputed: 1, studentsReevaluated: cohort.length }));
    const portrait = await t.app.db.selectFrom('portrait_students').select(['failed_credits']).where('student_id', '=', student.id).executeTakeFirstOrThrow();
    expect(Number(portrait.failed_credits)).toBe(credits);
    const warning = await t.app.db.selectFrom('portrait_warnings').selectAll().where('student_id', '=', student.id).where('kind', '=', 'academic').executeTakeFirstOrThrow();
    expect(warning.status).toBe('open');
    const notifications = () => t.app.db.selectFrom('portrait_notifications').select('id').where('warning_id', '=', warning.id).execute();
    expect(await notifications()).toHaveLength(1);
    // …which reaches the counselor's inbox as a message leading to the warnings list
    const counselor = await t.app.db.selectFrom('classes').select('counselor_id').where('id', '=', student.class_id).executeTakeFirstOrThrow();
    const inbox = () =>
      t.app.db
        .selectFrom('messages')
        .select(['title', 'link'])
        .where('person_id', '=', counselor.counselor_id!)
        .where('title', 'like', `学业预警%${student.name}`)
        .execute();
    expect(await inbox()).toEqual([{ title: expect.stringContaining(student.name), link: '/packages/portrait/pages/counselor/index' }]);

    // importing the corrected file again: nothing new
    const again = await importDirectory(t.app.db, update);
    expect(again.files[0]!.changed).toBe(0);
    expect(await notifications()).toHaveLength(1);
    expect(await inbox()).toHaveLength(1);

    // two recomputes racing to raise the same new warning: one warning row, one notification
    await t.app.db.deleteFrom('portrait_warnings').where('id', '=', warning.id).execute();
    await Promise.all([1, 2].map(() => recomputePortraits(t.app.db, { students: [DEMO_USERNAMES.student] })));
    const raised = await t.app.db.selectFrom('portrait_warnings').select('id').where('student_id', '=', student.id).where('kind', '=', 'academic').execute();
    expect(raised).toHaveLength(1);
    expect(await t.app.db.selectFrom('portrait_notifications').select('id').where('warning_id', '=', raised[0]!.id).execute()).toHaveLength(1);

    // restoring the scores clears the warning
    writeFileSync(path.join(update, 'grades.csv'), csv(grades));
    await importDirectory(t.app.db, update);
    const cleared = await t.app.db.selectFrom('portrait_warnings').select('status').where('id', '=', raised[0]!.id).executeTakeFirstOrThrow();
    expect(cleared.status).toBe('cleared');
  });

  it('a changed evaluation recomputes the teacher and the college they are compared with', async () => {
    const teacher = await t.app.db.selectFrom('people').select(['id', 'college_id']).where('number', '=', DEMO_USERNAMES.teacher).executeTakeFirstOrThrow();
    const rows = await t.app.db.selectFrom('dc_teaching_evaluations').selectAll().where('teacher_number', '=', DEMO_USERNAMES.teacher).orderBy('semester').execute();
    const last = rows[rows.length - 1]!;
    const target = freshDir('evaluations');
    require('node:fs').mkdirSync(target);
    writeFileSync(path.join(target, 'teaching_evaluations.csv'), `teacher_number,semester,course_code,score,responses\n${last.teacher_number},${last.semester},${last.course_code},61.5,${last.responses}\n`);
    const report = await importDirectory(t.app.db, target);
    const colleagues = await t.app.db
      .selectFrom('people')
      .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
      .select('people.id')
      .where('person_roles.role', '=', 'teacher')
      .where('people.college_id', '=', teacher.college_id)
      .execute();
    expect(report.recompute?.teachers).toBe(colleagues.length);
    const stored = await t.app.db.selectFrom('portrait_teachers').select('indicators').where('teacher_id', '=', teacher.id).executeTakeFirstOrThrow();
    const evaluations = JSON.parse(stored.indicators).evaluations as { semester: string; score: number }[];
    const sameSemester = rows.filter((row) => row.semester === last.semester).map((row) => (row.course_code === last.course_code ? 61.5 : Number(row.score)));
    expect(evaluations.find((row) => row.semester === last.semester)!.score).toBeCloseTo(sameSemester.reduce((a, b) => a + b, 0) / sameSemester.length, 1);
  });
});
