/**
 * The fact types the data center exports, one export file per type (`<type>.csv`, `.json` or
 * `.jsonl`), as data: each type's table, natural key, person column and column rules. The
 * importer validates against this, the generator writes to it and the upsert is built from it.
 */
import type { DatacenterTables } from './datacenter.tables';

export type ColumnType = 'text' | 'integer' | 'real' | 'timestamp' | 'date' | 'semester';

export interface ColumnSpec {
  type: ColumnType;
  label: string;
  nullable?: boolean;
  values?: readonly string[];
  min?: number;
  max?: number;
}

export interface FactSpec<T extends keyof DatacenterTables = keyof DatacenterTables> {
  table: T;
  label: string;
  /** the column that names the person, and who they are */
  person?: { column: keyof DatacenterTables[T] & string; kind: 'student' | 'teacher' };
  key: readonly (keyof DatacenterTables[T] & string)[];
  columns: { [K in keyof DatacenterTables[T] & string]: ColumnSpec };
}

const text = (label: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ type: 'text', label, ...extra });
const oneOf = (label: string, values: readonly string[], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ type: 'text', label, values, ...extra });
const real = (label: string, min: number, max: number): ColumnSpec => ({ type: 'real', label, min, max });
const integer = (label: string, min: number, max: number, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ type: 'integer', label, min, max, ...extra });
const semester: ColumnSpec = { type: 'semester', label: '学期' };
const studentNumber = text('学号');
const teacherNumber = text('工号');
const COURSE_TYPES = ['required', 'elective', 'general'] as const;

const spec = <T extends keyof DatacenterTables>(value: FactSpec<T>): FactSpec<T> => value;

export const FACTS = {
  grades: spec({
    table: 'dc_grades',
    label: '课程成绩',
    person: { column: 'student_number', kind: 'student' },
    key: ['student_number', 'semester', 'course_code'],
    columns: {
      student_number: studentNumber,
      semester,
      course_code: text('课程号'),
      course_name: text('课程名'),
      course_type: oneOf('课程类型', COURSE_TYPES),
      credits: real('学分', 0.5, 20),
      score: real('成绩', 0, 100),
      grade_point: real('绩点', 0, 5),
      teacher_number: text('任课教师工号', { nullable: true }),
    },
  }),
  program_requirements: spec({
    table: 'dc_program_requirements',
    label: '培养方案学分要求',
    key: ['major_id', 'category'],
    columns: { major_id: text('专业'), category: oneOf('课程类别', COURSE_TYPES), credits: real('要求学分', 0, 300) },
  }),
  card_transactions: spec({
    table: 'dc_card_transactions',
    label: '一卡通消费',
    person: { column: 'student_number', kind: 'student' },
    key: ['txn_id'],
    columns: {
      txn_id: text('流水号'),
      student_number: studentNumber,
      occurred_at: { type: 'timestamp', label: '交易时间' },
      amount_cents: integer('金额（分）', 0, 1_000_000),
      merchant_type: oneOf('商户类型', ['canteen', 'shop', 'bath', 'print', 'other']),
      meal: oneOf('餐次', ['breakfast', 'lunch', 'dinner'], { nullable: true }),
      merchant: text('商户'),
    },
  }),
  library_loans: spec({
    table: 'dc_library_loans',
    label: '图书借阅',
    person: { column: 'student_number', kind: 'student' },
    key: ['loan_id'],
    columns: {
      loan_id: text('借阅号'),
      student_number: studentNumber,
      book_title: text('书名'),
      category: text('分类'),
      borrowed_at: { type: 'timestamp', label: '借出时间' },
      returned_at: { type: 'timestamp', label: '归还时间', nullable: true },
    },
  }),
  gate_records: spec({
    table: 'dc_gate_records',
    label: '宿舍门禁',
    person: { column: 'student_number', kind: 'student' },
    key: ['record_id'],
    columns: {
      record_id: text('记录号'),
      student_number: studentNumber,
      occurred_at: { type: 'timestamp', label: '通行时间' },
      gate: text('门禁点'),
      direction: oneOf('方向', ['in', 'out']),
    },
  }),
  attendance: spec({
    table: 'dc_attendance',
    label: '课堂考勤',
    person: { column: 'student_number', kind: 'student' },
    key: ['student_number', 'course_code', 'session_date'],
    columns: {
      student_number: studentNumber,
      course_code: text('课程号'),
      session_date: { type: 'date', label: '上课日期' },
      semester,
      status: oneOf('考勤状态', ['present', 'late', 'absent', 'leave']),
    },
  }),
  awards: spec({
    table: 'dc_awards',
    label: '奖惩',
    person: { column: 'student_number', kind: 'student' },
    key: ['record_id'],
    columns: {
      record_id: text('记录号'),
      student_number: studentNumber,
      kind: oneOf('类别', ['award', 'scholarship', 'grant', 'punishment']),
      title: text('名称'),
      level: text('级别'),
      awarded_on: { type: 'date', label: '日期' },
    },
  }),
  physical_tests: spec({
    table: 'dc_physical_tests',
    label: '体质测试',
    person: { column: 'student_number', kind: 'student' },
    key: ['student_number', 'year'],
    columns: {
      student_number: studentNumber,
      year: integer('年度', 2000, 2100),
      score: real('总分', 0, 120),
      grade: oneOf('等级', ['优秀', '良好', '及格', '不及格']),
    },
  }),
  activities: spec({
    table: 'dc_activities',
    label: '第二课堂',
    person: { column: 'student_number', kind: 'student' },
    key: ['record_id'],
    columns: {
      record_id: text('记录号'),
      student_number: studentNumber,
      name: text('活动名称'),
      category: oneOf('类别', ['volunteer', 'competition', 'sports', 'arts', 'innovation', 'practice']),
      hours: real('时长（小时）', 0, 1000),
      occurred_on: { type: 'date', label: '日期' },
    },
  }),
  teacher_titles: spec({
    table: 'dc_teacher_titles',
    label: '职称经历',
    person: { column: 'teacher_number', kind: 'teacher' },
    key: ['teacher_number', 'since'],
    columns: { teacher_number: teacherNumber, title: oneOf('职称', ['入校', '助教', '讲师', '副教授', '教授']), since: { type: 'date', label: '起始日期' } },
  }),
  publications: spec({
    table: 'dc_publications',
    label: '论文专利著作',
    person: { column: 'teacher_number', kind: 'teacher' },
    key: ['record_id'],
    columns: {
      record_id: text('成果号'),
      teacher_number: teacherNumber,
      kind: oneOf('类别', ['paper', 'patent', 'book']),
      title: text('题目'),
      year: integer('年份', 1950, 2100),
      level: text('级别'),
    },
  }),
  research_projects: spec({
    table: 'dc_research_projects',
    label: '科研项目',
    person: { column: 'teacher_number', kind: 'teacher' },
    key: ['project_id'],
    columns: {
      project_id: text('项目编号'),
      teacher_number: teacherNumber,
      title: text('项目名称'),
      level: oneOf('级别', ['国家级', '省部级', '校级', '横向']),
      funding_wan: real('经费（万元）', 0, 100_000),
      start_year: integer('立项年份', 1950, 2100),
      end_year: integer('结题年份', 1950, 2100, { nullable: true }),
    },
  }),
  teaching: spec({
    table: 'dc_teaching',
    label: '授课',
    person: { column: 'teacher_number', kind: 'teacher' },
    key: ['teacher_number', 'semester', 'course_code'],
    columns: {
      teacher_number: teacherNumber,
      semester,
      course_code: text('课程号'),
      course_name: text('课程名'),
      students: integer('选课人数', 0, 10_000),
      hours: integer('学时', 0, 1000),
    },
  }),
  teaching_evaluations: spec({
    table: 'dc_teaching_evaluations',
    label: '学生评教',
    person: { column: 'teacher_number', kind: 'teacher' },
    key: ['teacher_number', 'semester', 'course_code'],
    columns: {
      teacher_number: teacherNumber,
      semester,
      course_code: text('课程号'),
      score: real('评教得分', 0, 100),
      responses: integer('参评人数', 0, 10_000),
    },
  }),
  supervision_scores: spec({
    table: 'dc_supervision_scores',
    label: '督导听课',
    person: { column: 'teacher_number', kind: 'teacher' },
    key: ['record_id'],
    columns: {
      record_id: text('记录号'),
      teacher_number: teacherNumber,
      semester,
      course_code: text('课程号'),
      score: real('督导评分', 0, 100),
      observed_on: { type: 'date', label: '听课日期' },
      supervisor: text('督导'),
    },
  }),
} as const;

export type FactType = keyof typeof FACTS;
export const FACT_TYPES = Object.keys(FACTS) as FactType[];
/** A row of a fact type as it goes into its table (timestamps as ISO strings). */
export type FactRow = Record<string, string | number | null>;
/** Facts that change a student's portrait, vs a teacher's. */
export const STUDENT_FACTS = FACT_TYPES.filter((type) => (FACTS[type] as FactSpec).person?.kind === 'student');
export const TEACHER_FACTS = FACT_TYPES.filter((type) => (FACTS[type] as FactSpec).person?.kind === 'teacher');

export function factSpec(type: FactType): FactSpec {
  return FACTS[type] as unknown as FactSpec;
}
