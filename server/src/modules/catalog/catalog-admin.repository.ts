import type { Kysely, Transaction } from 'kysely';
import type { ServiceCategory } from '../../../../types/api';
import { toDate, type Database } from '../../db/schema';
import { columnsOfEntry, entryOfRow, type CatalogEntry } from './catalog.repository';

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredEntry extends CatalogEntry {
  updatedAt: string;
}

function storedOfRow(row: Parameters<typeof entryOfRow>[0]): StoredEntry {
  return { ...entryOfRow(row), updatedAt: toDate(row.updated_at).toISOString() };
}

/** Every service, offline ones too, in display order. */
export async function listAllServices(db: Db): Promise<StoredEntry[]> {
  const rows = await db.selectFrom('services').selectAll().orderBy('sort').orderBy('id').execute();
  return rows.map(storedOfRow);
}

export async function findService(db: Db, id: string): Promise<StoredEntry | undefined> {
  const row = await db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? storedOfRow(row) : undefined;
}

export async function categoryIds(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('service_categories').select('id').execute();
  return new Set(rows.map((row) => row.id));
}

export async function listAllCategories(db: Db): Promise<ServiceCategory[]> {
  return db.selectFrom('service_categories').select(['id', 'name', 'sort']).orderBy('sort').orderBy('id').execute();
}

export async function upsertCategory(db: Db, category: ServiceCategory): Promise<void> {
  await db
    .insertInto('service_categories')
    .values(category)
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: category.name, sort: category.sort }))
    .execute();
}

/** Inserts the service unless its id is taken; false when taken. */
export async function insertService(db: Db, entry: CatalogEntry, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .insertInto('services')
    .values({ ...columnsOfEntry(entry), created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Writes the entry if the row still has `seenUpdatedAt` (nobody saved in between); false when
 * someone did, so a concurrent edit is refused instead of silently overwritten.
 */
export async function updateService(db: Db, entry: CatalogEntry, seenUpdatedAt: string, now: Date): Promise<boolean> {
  const { id: _id, ...columns } = columnsOfEntry(entry);
  const result = await db
    .updateTable('services')
    .set({ ...columns, updated_at: now.toISOString() })
    .where('id', '=', entry.id)
    .where('updated_at', '=', seenUpdatedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setServiceSorts(db: Db, sorts: ReadonlyArray<readonly [string, number]>, now: Date): Promise<void> {
  for (const [id, sort] of sorts) {
    await db.updateTable('services').set({ sort, updated_at: now.toISOString() }).where('id', '=', id).where('sort', '!=', sort).execute();
  }
}

export async function maxServiceSort(db: Db): Promise<number> {
  const row = await db.selectFrom('services').select((eb) => eb.fn.max('sort').as('sort')).executeTakeFirst();
  return Number(row?.sort ?? 0);
}

export interface AuditRow {
  id: string;
  actorId: string | null;
  action: string;
  target: string;
  detail: Record<string, unknown> | null;
  at: string;
}

const CATALOG_TARGETS = ['service:', 'category:', 'notice:'];

/** Audit entries about the catalog and notices, newest first; `target` narrows to one. */
export async function listCatalogAudit(db: Db, target: string | undefined, limit: number): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id').limit(limit);
  if (target) query = query.where('target', '=', target);
  else
    query = query.where((eb) =>
      eb.or([eb('target', '=', 'catalog'), ...CATALOG_TARGETS.map((prefix) => eb('target', 'like', `${prefix}%`))]),
    );
  const rows = await query.execute();
  return rows.map((row) => {
    let detail: Record<string, unknown> | null = null;
    try {
      detail = row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null;
    } catch {
      detail = null;
    }
    return { id: row.id, actorId: row.actor_id, action: row.action, target: row.target, detail, at: toDate(row.at).toISOString() };
  });
}
