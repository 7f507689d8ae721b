import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DemoNotice } from '../../../../mocks/campus/catalog';
import type { AdminNotice } from '../../../../types/catalog';
import type { Role } from '../../../../types/roles';
import { toDate, type Database, type NoticesTable } from '../../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

function noticeOfRow(row: Selectable<NoticesTable>): AdminNotice {
  let audience: Role[] = [];
  try {
    const parsed: unknown = JSON.parse(row.audience);
    if (Array.isArray(parsed)) audience = parsed.filter((role): role is Role => typeof role === 'string');
  } catch {
    audience = [];
  }
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    level: row.level,
    audience,
    startsAt: toDate(row.starts_at).toISOString(),
    endsAt: row.ends_at === null ? null : toDate(row.ends_at).toISOString(),
    createdAt: toDate(row.created_at).toISOString(),
    updatedAt: toDate(row.updated_at).toISOString(),
  };
}

function columnsOf(notice: AdminNotice) {
  return {
    title: notice.title,
    body: notice.body,
    level: notice.level,
    audience: JSON.stringify(notice.audience),
    starts_at: notice.startsAt,
    ends_at: notice.endsAt,
  };
}

export async function listNotices(db: Db): Promise<AdminNotice[]> {
  const rows = await db.selectFrom('notices').selectAll().orderBy('starts_at', 'desc').orderBy('id').limit(500).execute();
  return rows.map(noticeOfRow);
}

export async function findNotice(db: Db, id: string): Promise<AdminNotice | undefined> {
  const row = await db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? noticeOfRow(row) : undefined;
}

/** Notices inside their publish window at `at`, newest first (audience filtered by the caller). */
export async function listActiveNotices(db: Db, at: Date): Promise<AdminNotice[]> {
  const iso = at.toISOString();
  const rows = await db
    .selectFrom('notices')
    .selectAll()
    .where('starts_at', '<=', iso)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', iso)]))
    .orderBy('starts_at', 'desc')
    .orderBy('id')
    .limit(100)
    .execute();
  return rows.map(noticeOfRow);
}

/** false when the id is taken */
export async function insertNotice(db: Db, notice: AdminNotice, createdBy: string): Promise<boolean> {
  const result = await db
    .insertInto('notices')
    .values({ id: notice.id, ...columnsOf(notice), created_by: createdBy, created_at: notice.createdAt, updated_at: notice.updatedAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateNotice(db: Db, notice: AdminNotice): Promise<void> {
  await db.updateTable('notices').set({ ...columnsOf(notice), updated_at: notice.updatedAt }).where('id', '=', notice.id).execute();
}

/** false when there was no such notice */
export async function deleteNotice(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('notices').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Seeds the demo notices (windows relative to `now`); ids already present are left alone. */
export async function insertDemoNotices(db: Db, notices: readonly DemoNotice[], now: Date): Promise<void> {
  const at = now.toISOString();
  for (const notice of notices) {
    await db
      .insertInto('notices')
      .values({
        id: notice.id,
        title: notice.title,
        body: notice.body,
        level: notice.level,
        audience: JSON.stringify(notice.audience),
        starts_at: new Date(now.getTime() + notice.startsInDays * DAY_MS).toISOString(),
        ends_at: notice.endsInDays === null ? null : new Date(now.getTime() + notice.endsInDays * DAY_MS).toISOString(),
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}
