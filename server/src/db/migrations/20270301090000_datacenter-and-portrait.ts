/**
 * Data-center facts and personal portraits (issue 7).
 *
 * `dc_*` tables hold the facts as the data center exports them: keyed by their natural key (the
 * person's 学号 / 工号 plus what makes a row unique in the source system), so a re-import is an
 * upsert that changes nothing. People are referred to by number, not by id: the export knows
 * numbers, and a fact may arrive before (or without) the person. `portrait_*` tables hold what the
 * recompute derives: indicators, tags with their reasons, warnings, the counselor notifications,
 * and the rules (thresholds) as data.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

type Kind = 'text' | 'integer' | 'real' | 'timestamp';
interface FactTable {
  name: string;
  columns: [name: string, kind: Kind, nullable?: 'null'][];
  key: string[];
  indexes?: string[][];
}

/** Frozen here (migrations must not follow the evolving code): the fact tables as of this migration. */
const FACT_TABLES: FactTable[] = [
  {
    name: 'dc_grades',
    columns: [
      ['student_number', 'text'], ['semester', 'text'], ['course_code', 'text'], ['course_name', 'text'],
      ['course_type', 'text'], ['credits', 'real'], ['score', 'real'], ['grade_point', 'real'],
      ['teacher_number', 'text', 'null'],
    ],
    key: ['student_number', 'semester', 'course_code'],
  },
  {
    name: 'dc_program_requirements',
    columns: [['major_id', 'text'], ['category', 'text'], ['credits', 'real']],
    key: ['major_id', 'category'],
  },
  {
    name: 'dc_card_transactions',
    columns: [
      ['txn_id', 'text'], ['student_number', 'text'], ['occurred_at', 'timestamp'], ['amount_cents', 'integer'],
      ['merchant_type', 'text'], ['meal', 'text', 'null'], ['merchant', 'text'],
    ],
    key: ['txn_id'],
    indexes: [['student_number', 'occurred_at']],
  },
  {
    name: 'dc_library_loans',
    columns: [
      ['loan_id', 'text'], ['student_number', 'text'], ['book_title', 'text'], ['category', 'text'],
      ['borrowed_at', 'timestamp'], ['returned_at', 'timestamp', 'null'],
    ],
    key: ['loan_id'],
    indexes: [['student_number', 'borrowed_at']],
  },
  {
    name: 'dc_gate_records',
    columns: [['record_id', 'text'], ['student_number', 'text'], ['occurred_at', 'timestamp'], ['gate', 'text'], ['direction', 'text']],
    key: ['record_id'],
    indexes: [['student_number', 'occurred_at']],
  },
  {
    name: 'dc_attendance',
    columns: [['student_number', 'text'], ['course_code', 'text'], ['session_date', 'text'], ['semester', 'text'], ['status', 'text']],
    key: ['student_number', 'course_code', 'session_date'],
  },
  {
    name: 'dc_awards',
    columns: [
      ['record_id', 'text'], ['student_number', 'text'], ['kind', 'text'], ['title', 'text'], ['level', 'text'],
      ['awarded_on', 'text'],
    ],
    key: ['record_id'],
    indexes: [['student_number']],
  },
  {
    name: 'dc_physical_tests',
    columns: [['student_number', 'text'], ['year', 'integer'], ['score', 'real'], ['grade', 'text']],
    key: ['student_number', 'year'],
  },
  {
    name: 'dc_activities',
    columns: [
      ['record_id', 'text'], ['student_number', 'text'], ['name', 'text'], ['category', 'text'], ['hours', 'real'],
      ['occurred_on', 'text'],
    ],
    key: ['record_id'],
    indexes: [['student_number']],
  },
  {
    name: 'dc_teacher_titles',
    columns: [['teacher_number', 'text'], ['title', 'text'], ['since', 'text']],
    key: ['teacher_number', 'since'],
  },
  {
    name: 'dc_publications',
    columns: [['record_id', 'text'], ['teacher_number', 'text'], ['kind', 'text'], ['title', 'text'], ['year', 'integer'], ['level', 'text']],
    key: ['record_id'],
    indexes: [['teacher_number']],
  },
  {
    name: 'dc_research_projects',
    columns: [
      ['project_id', 'text'], ['teacher_number', 'text'], ['title', 'text'], ['level', 'text'], ['funding_wan', 'real'],
      ['start_year', 'integer'], ['end_year', 'integer', 'null'],
    ],
    key: ['project_id'],
    indexes: [['teacher_number']],
  },
  {
    name: 'dc_teaching',
    columns: [
      ['teacher_number', 'text'], ['semester', 'text'], ['course_code', 'text'], ['course_name', 'text'],
      ['students', 'integer'], ['hours', 'integer'],
    ],
    key: ['teacher_number', 'semester', 'course_code'],
  },
  {
    name: 'dc_teaching_evaluations',
    columns: [['teacher_number', 'text'], ['semester', 'text'], ['course_code', 'text'], ['score', 'real'], ['responses', 'integer']],
    key: ['teacher_number', 'semester', 'course_code'],
  },
  {
    name: 'dc_supervision_scores',
    columns: [
      ['record_id', 'text'], ['teacher_number', 'text'], ['semester', 'text'], ['course_code', 'text'], ['score', 'real'],
      ['observed_on', 'text'], ['supervisor', 'text'],
    ],
    key: ['record_id'],
    indexes: [['teacher_number']],
  },
];

const PORTRAIT_TABLES = [
  'portrait_notifications',
  'portrait_warnings',
  'portrait_tags',
  'portrait_students',
  'portrait_teachers',
  'portrait_rules',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = dialectOf(db) === 'postgres' ? 'timestamptz' : 'text';
  const typeOf = (kind: Kind) => (kind === 'timestamp' ? timestamp : kind === 'real' ? 'double precision' : kind);

  for (const table of FACT_TABLES) {
    let builder = db.schema.createTable(table.name);
    for (const [name, kind, nullable] of table.columns) {
      builder = builder.addColumn(name, typeOf(kind) as 'text', (c) => (nullable ? c : c.notNull()));
    }
    await builder.addPrimaryKeyConstraint(`${table.name}_pk`, table.key as never).execute();
    for (const columns of table.indexes ?? []) {
      await db.schema.createIndex(`${table.name}_${columns.join('_')}_idx`).on(table.name).columns(columns).execute();
    }
  }
  await db.schema.createIndex('dc_grades_semester_course_idx').on('dc_grades').columns(['course_code', 'semester']).execute();

  await db.schema
    .createTable('portrait_rules')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('config', 'static', 'dynamic', 'model', 'warning')`))
    .addColumn('label', 'text', (c) => c.notNull())
    // JSON: the thresholds the rule compares against
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('portrait_students')
    .addColumn('student_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('class_id', 'text')
    .addColumn('major_id', 'text')
    .addColumn('enrolled_year', 'integer')
    .addColumn('cumulative_gpa', 'double precision')
    .addColumn('failed_credits', 'double precision', (c) => c.notNull().defaultTo(0))
    // last 30 days of card spending (分): the cohort comparison reads it without parsing indicators
    .addColumn('spend_30d', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rank_class', 'integer')
    .addColumn('class_size', 'integer')
    .addColumn('rank_major', 'integer')
    .addColumn('major_size', 'integer')
    // JSON: every indicator (StudentIndicators)
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('computed_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portrait_students_major_idx').on('portrait_students').columns(['major_id', 'cumulative_gpa']).execute();
  await db.schema.createIndex('portrait_students_class_idx').on('portrait_students').columns(['class_id', 'cumulative_gpa']).execute();

  await db.schema
    .createTable('portrait_tags')
    .addColumn('student_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    // plain Chinese: the facts and the rule behind the tag
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('computed_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('portrait_tags_pk', ['student_id', 'tag_key'])
    .execute();

  await db.schema
    .createTable('portrait_warnings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('student_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('counselor_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('academic', 'lost_contact', 'poverty')`))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('yellow', 'orange', 'red')`))
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'acknowledged', 'resolved', 'cleared')`))
    .addColumn('raised_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('handled_by', 'text')
    .addColumn('note', 'text')
    // one warning per student and kind: a recompute updates it, never duplicates it
    .addUniqueConstraint('portrait_warnings_student_kind_unique', ['student_id', 'kind'])
    .execute();
  await db.schema.createIndex('portrait_warnings_counselor_idx').on('portrait_warnings').columns(['counselor_id', 'status']).execute();

  await db.schema
    .createTable('portrait_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('warning_id', 'text', (c) => c.notNull().references('portrait_warnings.id').onDelete('cascade'))
    .addColumn('counselor_id', 'text', (c) => c.notNull())
    .addColumn('student_id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    // the raise (or escalation) this notification is about
    .addColumn('raised_at', timestamp, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    // one raise of a warning at one level is pushed once, however often the recompute runs
    .addUniqueConstraint('portrait_notifications_raise_unique', ['warning_id', 'level', 'raised_at'])
    .execute();

  await db.schema
    .createTable('portrait_teachers')
    .addColumn('teacher_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('college_id', 'text')
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('computed_at', timestamp, (c) => c.notNull())
    .execute();

  // what a student lets parents see of the portrait, next to the identity module's setting:
  // the academic summary (on by default) and the warnings (off by default)
  await db.schema
    .alterTable('student_privacy')
    .addColumn('portrait_summary', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('student_privacy')
    .addColumn('portrait_warnings', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('student_privacy').dropColumn('portrait_warnings').execute();
  await db.schema.alterTable('student_privacy').dropColumn('portrait_summary').execute();
  for (const table of PORTRAIT_TABLES) await db.schema.dropTable(table).execute();
  for (const table of [...FACT_TABLES].reverse()) await db.schema.dropTable(table.name).execute();
}
