/**
 * Requests, tasks, timeline, CC entries and timers: plain functions taking `db` or a transaction.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ApplicantContext, FormValues, MicroAppDefinition } from '../../../../types/microapp';
import type { Role } from '../../../../types/roles';
import { toDate, type Database, type WorkflowRequestsTable, type WorkflowTasksTable } from '../../db/schema';

export type Db = Kysely<Database>;

export interface RequestRow {
  id: string;
  appKey: string;
  version: number;
  applicantId: string;
  idempotencyKey: string;
  status: WorkflowRequestsTable['status'];
  title: string;
  values: FormValues;
  nodeValues: Record<string, FormValues>;
  revision: number;
  lastUrgedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

export function toRequestRow(row: Selectable<WorkflowRequestsTable>): RequestRow {
  return {
    id: row.id,
    appKey: row.app_key,
    version: row.version,
    applicantId: row.applicant_id,
    idempotencyKey: row.idempotency_key,
    status: row.status,
    title: row.title,
    values: JSON.parse(row.values) as FormValues,
    nodeValues: JSON.parse(row.node_values) as Record<string, FormValues>,
    revision: row.revision,
    lastUrgedAt: row.last_urged_at ? toDate(row.last_urged_at) : null,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    completedAt: row.completed_at ? toDate(row.completed_at) : null,
  };
}

export async function findRequest(db: Db, id: string): Promise<RequestRow | undefined> {
  const row = await db.selectFrom('workflow_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRequestRow(row) : undefined;
}

export async function findRequestByIdempotencyKey(db: Db, applicantId: string, key: string): Promise<RequestRow | undefined> {
  const row = await db
    .selectFrom('workflow_requests')
    .selectAll()
    .where('applicant_id', '=', applicantId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row ? toRequestRow(row) : undefined;
}

export type TaskRow = Selectable<WorkflowTasksTable>;

export const findTask = (db: Db, id: string): Promise<TaskRow | undefined> =>
  db.selectFrom('workflow_tasks').selectAll().where('id', '=', id).executeTakeFirst();

export const tasksOf = (db: Db, requestId: string): Promise<TaskRow[]> =>
  db.selectFrom('workflow_tasks').selectAll().where('request_id', '=', requestId).orderBy('created_at').orderBy('id').execute();

/** Open tasks assigned to the person: the 待办 badge. */
export async function countOpenTasks(db: Db, personId: string): Promise<number> {
  const row = await db
    .selectFrom('workflow_tasks')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('assignee_id', '=', personId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How the person stands to a request: the access rule of every workflow read. */
export async function participation(
  db: Db,
  request: RequestRow,
  personId: string,
): Promise<{ applicant: boolean; assignee: boolean; cc: boolean }> {
  const [task, cc] = await Promise.all([
    db.selectFrom('workflow_tasks').select('id').where('request_id', '=', request.id).where('assignee_id', '=', personId).executeTakeFirst(),
    db.selectFrom('workflow_cc').select('node_id').where('request_id', '=', request.id).where('person_id', '=', personId).executeTakeFirst(),
  ]);
  return { applicant: request.applicantId === personId, assignee: task !== undefined, cc: cc !== undefined };
}

/** The `$applicant` of rules and the directory facts assignee rules need. */
export interface Applicant extends ApplicantContext {
  classId?: string;
}

export async function loadApplicant(db: Db, personId: string): Promise<Applicant | undefined> {
  const person = await db
    .selectFrom('people')
    .leftJoin('classes', 'classes.id', 'people.class_id')
    .leftJoin('dorm_rooms', 'dorm_rooms.id', 'people.dorm_room_id')
    .leftJoin('dorm_buildings', 'dorm_buildings.id', 'dorm_rooms.building_id')
    .select([
      'people.id',
      'people.name',
      'people.kind',
      'people.mobile',
      'people.college_id',
      'people.class_id',
      'people.department',
      'classes.name as class_name',
      'dorm_rooms.id as room_id',
      'dorm_rooms.number as room_number',
      'dorm_buildings.id as building_id',
      'dorm_buildings.name as building_name',
    ])
    .where('people.id', '=', personId)
    .executeTakeFirst();
  if (!person) return undefined;
  const roles = await db.selectFrom('person_roles').select('role').where('person_id', '=', personId).execute();
  const applicant: Applicant = { id: person.id, name: person.name, kind: person.kind, roles: roles.map((r) => r.role as Role) };
  if (person.mobile) applicant.mobile = person.mobile;
  if (person.college_id) applicant.collegeId = person.college_id;
  if (person.class_id) applicant.classId = person.class_id;
  if (person.class_name) applicant.className = person.class_name;
  if (person.department) applicant.department = person.department;
  if (person.building_id && person.room_id) {
    applicant.dorm = {
      buildingId: person.building_id,
      buildingName: person.building_name ?? '',
      roomId: person.room_id,
      roomName: person.room_number ?? '',
    };
  }
  return applicant;
}

/** The applicant context without directory internals, as the client sees it. */
export function publicApplicant(applicant: Applicant): ApplicantContext {
  const { classId: _classId, ...rest } = applicant;
  return rest;
}

export async function namesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter(Boolean);
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('people').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

// ─── definitions (read side; the microapps module writes them) ──────────────────────────────────

const definitionCache = new Map<string, MicroAppDefinition>();

/** A published (or formerly published) version; versions never change once published, so they are cached. */
export async function loadVersion(db: Db, key: string, version: number): Promise<MicroAppDefinition | undefined> {
  const cacheKey = `${key}@${version}`;
  const cached = definitionCache.get(cacheKey);
  if (cached) return cached;
  const row = await db
    .selectFrom('microapp_versions')
    .select(['definition', 'published_at'])
    .where('app_key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row || row.published_at === null) return undefined;
  const definition = { ...(JSON.parse(row.definition) as MicroAppDefinition), version };
  definitionCache.set(cacheKey, definition);
  return definition;
}

export async function latestPublished(db: Db, key: string): Promise<{ version: number; publishedAt: Date } | undefined> {
  const row = await db
    .selectFrom('microapp_versions')
    .select(['version', 'published_at'])
    .where('app_key', '=', key)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return row && row.published_at ? { version: row.version, publishedAt: toDate(row.published_at) } : undefined;
}
