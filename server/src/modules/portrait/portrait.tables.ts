/** What the portrait recompute derives from the facts (migration 20270301090000). */
import type { Timestamp } from '../../db/schema';

type Nullable<T> = T | null;

export type RuleKind = 'config' | 'static' | 'dynamic' | 'model' | 'warning';

export interface PortraitRulesTable {
  key: string;
  kind: RuleKind;
  label: string;
  /** JSON thresholds */
  params: string;
  enabled: number;
  updated_at: Timestamp;
  updated_by: Nullable<string>;
}

export interface PortraitStudentsTable {
  student_id: string;
  class_id: Nullable<string>;
  major_id: Nullable<string>;
  enrolled_year: Nullable<number>;
  cumulative_gpa: Nullable<number>;
  failed_credits: number;
  spend_30d: number;
  rank_class: Nullable<number>;
  class_size: Nullable<number>;
  rank_major: Nullable<number>;
  major_size: Nullable<number>;
  /** JSON StudentIndicators */
  indicators: string;
  computed_at: Timestamp;
}

export interface PortraitTagsTable {
  student_id: string;
  tag_key: string;
  kind: RuleKind;
  label: string;
  level: Nullable<string>;
  why: string;
  computed_at: Timestamp;
}

export type WarningKind = 'academic' | 'lost_contact' | 'poverty';
export type WarningLevel = 'yellow' | 'orange' | 'red';
export type WarningStatus = 'open' | 'acknowledged' | 'resolved' | 'cleared';

export interface PortraitWarningsTable {
  id: string;
  student_id: string;
  counselor_id: Nullable<string>;
  kind: WarningKind;
  level: WarningLevel;
  why: string;
  status: WarningStatus;
  raised_at: Timestamp;
  updated_at: Timestamp;
  handled_by: Nullable<string>;
  note: Nullable<string>;
}

export interface PortraitNotificationsTable {
  id: string;
  warning_id: string;
  counselor_id: string;
  student_id: string;
  level: WarningLevel;
  raised_at: Timestamp;
  title: string;
  body: string;
  created_at: Timestamp;
}

export interface PortraitTeachersTable {
  teacher_id: string;
  college_id: Nullable<string>;
  /** JSON TeacherIndicators */
  indicators: string;
  computed_at: Timestamp;
}

/** One row ('rules'): the recompute rule edits ask for, claimed with a lease (see portrait.recompute-queue.ts) */
export interface PortraitRecomputeTable {
  id: string;
  requested_version: number;
  done_version: number;
  lease_owner: Nullable<string>;
  lease_until: Nullable<Timestamp>;
}

export interface PortraitTables {
  portrait_recompute: PortraitRecomputeTable;
  portrait_rules: PortraitRulesTable;
  portrait_students: PortraitStudentsTable;
  portrait_tags: PortraitTagsTable;
  portrait_warnings: PortraitWarningsTable;
  portrait_notifications: PortraitNotificationsTable;
  portrait_teachers: PortraitTeachersTable;
}

export const PORTRAIT_TABLES = [
  'portrait_notifications',
  'portrait_warnings',
  'portrait_tags',
  'portrait_students',
  'portrait_teachers',
  'portrait_rules',
  'portrait_recompute',
] as const satisfies readonly (keyof PortraitTables)[];
