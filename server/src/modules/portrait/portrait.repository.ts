/** Reads of the derived portrait tables and the facts the aggregates need: plain functions over `db`. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PortraitTag, PortraitWarning, WarningKind, WarningLevel, WarningStatus } from '../../../../types/portrait';
import { WARNING_LABELS } from '../../../../types/portrait';
import { toDate, type Database } from '../../db/schema';
import type { StudentIndicators } from './portrait.compute';

type Db = Kysely<Database>;

export async function findStudent(db: Db, studentId: string) {
  return db
    .selectFrom('people')
    .leftJoin('classes', 'classes.id', 'people.class_id')
    .leftJoin('majors', 'majors.id', 'people.major_id')
    .leftJoin('colleges', 'colleges.id', 'people.college_id')
    .select(['people.id', 'people.name', 'people.number', 'people.kind', 'classes.name as class_name', 'classes.counselor_id', 'majors.name as major_name', 'colleges.name as college_name'])
    .where('people.id', '=', studentId)
    .executeTakeFirst();
}

export async function findPortrait(db: Db, studentId: string) {
  const row = await db.selectFrom('portrait_students').selectAll().where('student_id', '=', studentId).executeTakeFirst();
  return row && { ...row, indicators: JSON.parse(row.indicators) as StudentIndicators, computedAt: toDate(row.computed_at).toISOString() };
}

export async function listTags(db: Db, studentId: string): Promise<PortraitTag[]> {
  const rows = await db.selectFrom('portrait_tags').selectAll().where('student_id', '=', studentId).orderBy('kind').orderBy('tag_key').execute();
  return rows.map((row) => ({ key: row.tag_key, kind: row.kind as PortraitTag['kind'], label: row.label, ...(row.level ? { level: row.level as WarningLevel } : {}), why: row.why }));
}

const LEVEL_RANK: Record<WarningLevel, number> = { red: 0, orange: 1, yellow: 2 };

export interface WarningFilter {
  studentId?: string;
  counselorId?: string;
  statuses?: WarningStatus[];
  kinds?: WarningKind[];
}

export async function listWarnings(db: Db, filter: WarningFilter, sort: 'level' | 'raisedAt' | 'class' = 'level'): Promise<PortraitWarning[]> {
  let query = db
    .selectFrom('portrait_warnings')
    .innerJoin('people', 'people.id', 'portrait_warnings.student_id')
    .leftJoin('classes', 'classes.id', 'people.class_id')
    .select([
      'portrait_warnings.id',
      'portrait_warnings.student_id',
      'people.name as student_name',
      'people.number as student_number',
      'classes.name as class_name',
      'portrait_warnings.kind',
      'portrait_warnings.level',
      'portrait_warnings.why',
      'portrait_warnings.status',
      'portrait_warnings.raised_at',
      'portrait_warnings.updated_at',
      'portrait_warnings.note',
    ]);
  if (filter.studentId) query = query.where('portrait_warnings.student_id', '=', filter.studentId);
  // the counselor of the student's class now, not whoever it was when the warning was raised
  if (filter.counselorId) query = query.where('classes.counselor_id', '=', filter.counselorId);
  if (filter.statuses?.length) query = query.where('portrait_warnings.status', 'in', filter.statuses);
  if (filter.kinds?.length) query = query.where('portrait_warnings.kind', 'in', filter.kinds);
  const rows = await query.execute();
  const warnings = rows.map((row) => ({
    id: row.id,
    studentId: row.student_id,
    studentName: row.student_name,
    studentNumber: row.student_number,
    className: row.class_name ?? '',
    kind: row.kind,
    label: WARNING_LABELS[row.kind],
    level: row.level,
    why: row.why,
    status: row.status,
    raisedAt: toDate(row.raised_at).toISOString(),
    updatedAt: toDate(row.updated_at).toISOString(),
    ...(row.note ? { note: row.note } : {}),
  }));
  const byLevel = (a: PortraitWarning, b: PortraitWarning) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level];
  const byRaised = (a: PortraitWarning, b: PortraitWarning) => b.raisedAt.localeCompare(a.raisedAt);
  const byClass = (a: PortraitWarning, b: PortraitWarning) => a.className.localeCompare(b.className) || a.studentNumber.localeCompare(b.studentNumber);
  const order = sort === 'raisedAt' ? [byRaised, byLevel] : sort === 'class' ? [byClass, byLevel] : [byLevel, byRaised, byClass];
  return warnings.sort((a, b) => {
    for (const compare of order) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return a.id.localeCompare(b.id);
  });
}

export async function findWarning(db: Db, id: string) {
  return db
    .selectFrom('portrait_warnings')
    .innerJoin('people', 'people.id', 'portrait_warnings.student_id')
    .leftJoin('classes', 'classes.id', 'people.class_id')
    .select(['portrait_warnings.id', 'portrait_warnings.status', 'portrait_warnings.student_id', 'classes.counselor_id'])
    .where('portrait_warnings.id', '=', id)
    .executeTakeFirst();
}

/** A conditional update: only from the given statuses, so two taps (or two counselors) act once. */
export async function moveWarning(db: Db, id: string, from: WarningStatus[], to: WarningStatus, actorId: string, note: string | undefined): Promise<boolean> {
  const result = await db
    .updateTable('portrait_warnings')
    .set({ status: to, handled_by: actorId, updated_at: new Date().toISOString(), ...(note !== undefined ? { note } : {}) })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function audit(db: Db, entry: { actorId: string; action: string; target: string; detail: Record<string, unknown> }): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ id: randomUUID(), actor_id: entry.actorId, action: entry.action, target: entry.target, detail: JSON.stringify(entry.detail), at: new Date().toISOString() })
    .execute();
}

export async function counselorClasses(db: Db, counselorId: string) {
  return db.selectFrom('classes').select(['id', 'name']).where('counselor_id', '=', counselorId).orderBy('name').execute();
}

export async function classStudents(db: Db, classIds: string[]) {
  if (!classIds.length) return [];
  return db
    .selectFrom('people')
    .leftJoin('portrait_students', 'portrait_students.student_id', 'people.id')
    .select(['people.id', 'people.name', 'people.number', 'people.class_id', 'portrait_students.cumulative_gpa', 'portrait_students.failed_credits', 'portrait_students.rank_class'])
    .where('people.class_id', 'in', classIds)
    .where('people.kind', '=', 'student')
    .orderBy('people.number')
    .execute();
}

export async function findTeacherPortrait(db: Db, teacherId: string) {
  return db
    .selectFrom('people')
    .leftJoin('portrait_teachers', 'portrait_teachers.teacher_id', 'people.id')
    .leftJoin('colleges', 'colleges.id', 'people.college_id')
    .select(['people.id', 'people.name', 'people.number', 'people.title', 'colleges.name as college_name', 'portrait_teachers.indicators', 'portrait_teachers.computed_at'])
    .where('people.id', '=', teacherId)
    .executeTakeFirst();
}
