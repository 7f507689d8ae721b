/**
 * The data center's facts as Kysely sees them (migration 20270301090000). People are named by
 * number (学号 / 工号), as the exports name them; every table's primary key is the row's natural key.
 */
import type { Timestamp } from '../../db/schema';

type Nullable<T> = T | null;

export type CourseType = 'required' | 'elective' | 'general';

export interface DcGradesTable {
  student_number: string;
  /** 2024-2025-1: academic year and term */
  semester: string;
  course_code: string;
  course_name: string;
  course_type: CourseType;
  credits: number;
  /** 百分制 0–100 */
  score: number;
  /** as the data center computed it; the portrait may recompute it (see portrait GPA config) */
  grade_point: number;
  teacher_number: Nullable<string>;
}

export interface DcProgramRequirementsTable {
  major_id: string;
  category: CourseType;
  credits: number;
}

export type MerchantType = 'canteen' | 'shop' | 'bath' | 'print' | 'other';
export type Meal = 'breakfast' | 'lunch' | 'dinner';

export interface DcCardTransactionsTable {
  txn_id: string;
  student_number: string;
  occurred_at: Timestamp;
  /** spending is positive, in 分 */
  amount_cents: number;
  merchant_type: MerchantType;
  meal: Nullable<Meal>;
  merchant: string;
}

export interface DcLibraryLoansTable {
  loan_id: string;
  student_number: string;
  book_title: string;
  category: string;
  borrowed_at: Timestamp;
  returned_at: Nullable<Timestamp>;
}

export interface DcGateRecordsTable {
  record_id: string;
  student_number: string;
  occurred_at: Timestamp;
  gate: string;
  direction: 'in' | 'out';
}

export type AttendanceStatus = 'present' | 'late' | 'absent' | 'leave';

export interface DcAttendanceTable {
  student_number: string;
  course_code: string;
  /** YYYY-MM-DD */
  session_date: string;
  semester: string;
  status: AttendanceStatus;
}

export type AwardKind = 'award' | 'scholarship' | 'grant' | 'punishment';

export interface DcAwardsTable {
  record_id: string;
  student_number: string;
  kind: AwardKind;
  title: string;
  /** 国家级 / 省级 / 校级 / 院级; for punishments 警告 / 严重警告 / 记过 */
  level: string;
  awarded_on: string;
}

export interface DcPhysicalTestsTable {
  student_number: string;
  year: number;
  score: number;
  /** 优秀 / 良好 / 及格 / 不及格 */
  grade: string;
}

export type ActivityCategory = 'volunteer' | 'competition' | 'sports' | 'arts' | 'innovation' | 'practice';

export interface DcActivitiesTable {
  record_id: string;
  student_number: string;
  name: string;
  category: ActivityCategory;
  hours: number;
  occurred_on: string;
}

export interface DcTeacherTitlesTable {
  teacher_number: string;
  title: string;
  since: string;
}

export type PublicationKind = 'paper' | 'patent' | 'book';

export interface DcPublicationsTable {
  record_id: string;
  teacher_number: string;
  kind: PublicationKind;
  title: string;
  year: number;
  level: string;
}

export interface DcResearchProjectsTable {
  project_id: string;
  teacher_number: string;
  title: string;
  level: string;
  funding_wan: number;
  start_year: number;
  end_year: Nullable<number>;
}

export interface DcTeachingTable {
  teacher_number: string;
  semester: string;
  course_code: string;
  course_name: string;
  students: number;
  hours: number;
}

export interface DcTeachingEvaluationsTable {
  teacher_number: string;
  semester: string;
  course_code: string;
  score: number;
  responses: number;
}

export interface DcSupervisionScoresTable {
  record_id: string;
  teacher_number: string;
  semester: string;
  course_code: string;
  score: number;
  observed_on: string;
  supervisor: string;
}

export interface DatacenterTables {
  dc_grades: DcGradesTable;
  dc_program_requirements: DcProgramRequirementsTable;
  dc_card_transactions: DcCardTransactionsTable;
  dc_library_loans: DcLibraryLoansTable;
  dc_gate_records: DcGateRecordsTable;
  dc_attendance: DcAttendanceTable;
  dc_awards: DcAwardsTable;
  dc_physical_tests: DcPhysicalTestsTable;
  dc_activities: DcActivitiesTable;
  dc_teacher_titles: DcTeacherTitlesTable;
  dc_publications: DcPublicationsTable;
  dc_research_projects: DcResearchProjectsTable;
  dc_teaching: DcTeachingTable;
  dc_teaching_evaluations: DcTeachingEvaluationsTable;
  dc_supervision_scores: DcSupervisionScoresTable;
}

export const DATACENTER_TABLES = [
  'dc_grades',
  'dc_program_requirements',
  'dc_card_transactions',
  'dc_library_loans',
  'dc_gate_records',
  'dc_attendance',
  'dc_awards',
  'dc_physical_tests',
  'dc_activities',
  'dc_teacher_titles',
  'dc_publications',
  'dc_research_projects',
  'dc_teaching',
  'dc_teaching_evaluations',
  'dc_supervision_scores',
] as const satisfies readonly (keyof DatacenterTables)[];
