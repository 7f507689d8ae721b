/**
 * Definition versions (write side), the shipped definitions seeded on first start, college
 * leaders for the `collegeLeader` assignee rule, and uploads.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { MicroAppDefinition } from '../../../../types/microapp';
import { validateDefinition } from '../../../../src/lowcode/core';
import { toDate } from '../../db/schema';
import type { Db } from '../workflow/workflow.repository';

export const SHIPPED_DIR = path.join(__dirname, 'definitions');

export function shippedDefinitions(): MicroAppDefinition[] {
  return readdirSync(SHIPPED_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(SHIPPED_DIR, file), 'utf8')) as MicroAppDefinition);
}

export interface VersionRow {
  key: string;
  version: number;
  status: 'draft' | 'published' | 'superseded';
  createdAt: Date;
  publishedAt: Date | null;
}

const toVersionRow = (row: { app_key: string; version: number; status: VersionRow['status']; created_at: Date | string; published_at: Date | string | null }): VersionRow => ({
  key: row.app_key,
  version: row.version,
  status: row.status,
  createdAt: toDate(row.created_at),
  publishedAt: row.published_at ? toDate(row.published_at) : null,
});

export async function listVersions(db: Db, key: string): Promise<VersionRow[]> {
  const rows = await db
    .selectFrom('microapp_versions')
    .select(['app_key', 'version', 'status', 'created_at', 'published_at'])
    .where('app_key', '=', key)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toVersionRow);
}

/** A new draft version (max + 1). Two admins saving at once: the primary key makes one retry. */
export async function insertDraft(db: Db, definition: MicroAppDefinition, createdBy: string | null, now: Date): Promise<VersionRow> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const max = await db
      .selectFrom('microapp_versions')
      .select((eb) => eb.fn.max<number | null>('version').as('v'))
      .where('app_key', '=', definition.key)
      .executeTakeFirst();
    const version = Number(max?.v ?? 0) + 1;
    const { version: _ignored, ...doc } = definition;
    const inserted = await db
      .insertInto('microapp_versions')
      .values({
        app_key: definition.key,
        version,
        name: definition.name,
        definition: JSON.stringify(doc),
        status: 'draft',
        created_by: createdBy,
        created_at: now.toISOString(),
        published_at: null,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
      return { key: definition.key, version, status: 'draft', createdAt: now, publishedAt: null };
    }
  }
  throw new Error(`could not allocate a version for ${definition.key}`);
}

/** Publishes a draft: it becomes the latest; the previously published version is superseded (requests on it keep running). */
export async function publishVersion(db: Db, key: string, version: number, now: Date): Promise<VersionRow | 'missing' | 'not-draft'> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('microapp_versions').select(['status']).where('app_key', '=', key).where('version', '=', version).executeTakeFirst();
    if (!row) return 'missing';
    const updated = await trx
      .updateTable('microapp_versions')
      .set({ status: 'published', published_at: now.toISOString() })
      .where('app_key', '=', key)
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return 'not-draft';
    await trx
      .updateTable('microapp_versions')
      .set({ status: 'superseded' })
      .where('app_key', '=', key)
      .where('status', '=', 'published')
      .where('version', '<>', version)
      .execute();
    return { key, version, status: 'published' as const, createdAt: now, publishedAt: now };
  });
}

/**
 * Brings the shipped definitions into the database: a key with no version gets version 1; a key
 * whose latest version came from the shipped file (created_by null) and differs from the file
 * now gets the file as the next version, published (running requests stay on theirs). A version
 * an admin created is never overridden. Several processes starting at once insert the same
 * (key, version): the primary key lets one of them through.
 */
export async function seedShippedDefinitions(db: Db, now: Date): Promise<string[]> {
  const seeded: string[] = [];
  for (const definition of shippedDefinitions()) {
    const issues = validateDefinition(definition);
    // a broken shipped file is a release bug: refuse to start rather than serve it
    if (issues.length > 0) throw new Error(`shipped definition ${definition.key} is invalid: ${issues[0].field} ${issues[0].message}`);
    const document = JSON.stringify(definition);
    const latest = await db
      .selectFrom('microapp_versions')
      .select(['version', 'definition', 'created_by'])
      .where('app_key', '=', definition.key)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (latest && (latest.created_by !== null || latest.definition === document)) continue;
    const version = (latest?.version ?? 0) + 1;
    const inserted = await db.transaction().execute(async (trx) => {
      const result = await trx
        .insertInto('microapp_versions')
        .values({
          app_key: definition.key,
          version,
          name: definition.name,
          definition: document,
          status: 'published',
          created_by: null,
          created_at: now.toISOString(),
          published_at: now.toISOString(),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      await trx
        .updateTable('microapp_versions')
        .set({ status: 'superseded' })
        .where('app_key', '=', definition.key)
        .where('status', '=', 'published')
        .where('version', '<>', version)
        .execute();
      return true;
    });
    if (inserted) seeded.push(`${definition.key}@${version}`);
  }
  return seeded;
}

/**
 * Each college's leader for `collegeLeader`: the campus directory has no such post yet, so the
 * college's first teacher by 工号 stands in (the demo teacher leads 计算机学院).
 */
export async function seedCollegeLeaders(db: Db): Promise<void> {
  const teachers = await db
    .selectFrom('people')
    .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
    .select(['people.id', 'people.college_id', 'people.number'])
    .where('person_roles.role', '=', 'teacher')
    .where('people.status', '=', 'active')
    .where('people.college_id', 'is not', null)
    .orderBy('people.number')
    .execute();
  const first = new Map<string, string>();
  for (const t of teachers) if (t.college_id && !first.has(t.college_id)) first.set(t.college_id, t.id);
  if (first.size === 0) return;
  await db
    .insertInto('org_leaders')
    .values([...first].map(([college_id, person_id]) => ({ college_id, person_id })))
    .onConflict((oc) => oc.column('college_id').doNothing())
    .execute();
}

export async function listCollegeLeaders(db: Db): Promise<Array<{ collegeId: string; collegeName: string; leaderId: string | null; leaderName: string | null }>> {
  const rows = await db
    .selectFrom('colleges')
    .leftJoin('org_leaders', 'org_leaders.college_id', 'colleges.id')
    .leftJoin('people', 'people.id', 'org_leaders.person_id')
    .select(['colleges.id as collegeId', 'colleges.name as collegeName', 'people.id as leaderId', 'people.name as leaderName'])
    .orderBy('colleges.code')
    .execute();
  return rows.map((row) => ({ collegeId: row.collegeId, collegeName: row.collegeName, leaderId: row.leaderId ?? null, leaderName: row.leaderName ?? null }));
}

/** Sets the college's leader; returns the previous one (null if none). */
export async function setCollegeLeader(db: Db, collegeId: string, personId: string): Promise<string | null> {
  const before = await db.selectFrom('org_leaders').select('person_id').where('college_id', '=', collegeId).executeTakeFirst();
  await db
    .insertInto('org_leaders')
    .values({ college_id: collegeId, person_id: personId })
    .onConflict((oc) => oc.column('college_id').doUpdateSet({ person_id: personId }))
    .execute();
  return before?.person_id ?? null;
}

export interface UploadRow {
  id: string;
  name: string;
  mime: string;
  size: number;
}

export async function insertUpload(db: Db, ownerId: string, file: { name: string; mime: string; data: Buffer }, now: Date): Promise<UploadRow> {
  const id = randomUUID();
  await db
    .insertInto('uploads')
    .values({ id, owner_id: ownerId, name: file.name, mime: file.mime, size: file.data.length, data: file.data, created_at: now.toISOString() })
    .execute();
  return { id, name: file.name, mime: file.mime, size: file.data.length };
}

export const findUploadData = (db: Db, id: string) =>
  db.selectFrom('uploads').select(['id', 'mime', 'name', 'data']).where('id', '=', id).executeTakeFirst();
