import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Service, ServiceCategory } from '../../../../types/api';
import type { Platform, Role } from '../../../../types/roles';
import type { Database, ServiceRow } from '../../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface CatalogEntry extends Service {
  roles: Role[];
  keywords: string[];
  sort: number;
}

function parseList<T extends string>(json: string): T[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is T => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

export async function listCategories(db: Db): Promise<ServiceCategory[]> {
  return db.selectFrom('service_categories').select(['id', 'name', 'sort']).orderBy('sort').orderBy('id').execute();
}

/** A services row as a catalog entry (lists parsed from JSON; no statusMessage when unset). */
export function entryOfRow(row: ServiceRow): CatalogEntry {
  const entry: CatalogEntry = {
    id: row.id,
    name: row.name,
    icon: row.icon,
    description: row.description,
    categoryId: row.category_id,
    department: row.department,
    kind: row.kind,
    target: row.target,
    status: row.status,
    platforms: parseList<Platform>(row.platforms),
    roles: parseList<Role>(row.roles),
    keywords: parseList<string>(row.keywords),
    sort: row.sort,
  };
  if (row.status_message) entry.statusMessage = row.status_message;
  return entry;
}

/** The columns a catalog entry writes (everything but the timestamps). */
export function columnsOfEntry(entry: CatalogEntry) {
  return {
    id: entry.id,
    name: entry.name,
    icon: entry.icon,
    description: entry.description,
    category_id: entry.categoryId,
    department: entry.department,
    kind: entry.kind,
    target: entry.target,
    status: entry.status,
    status_message: entry.statusMessage ?? null,
    platforms: JSON.stringify(entry.platforms),
    roles: JSON.stringify(entry.roles),
    keywords: JSON.stringify(entry.keywords),
    sort: entry.sort,
  };
}

/** Every service that is not offline, in display order. */
export async function listPublishedServices(db: Db): Promise<CatalogEntry[]> {
  const rows = await db
    .selectFrom('services')
    .selectAll()
    .where('status', '!=', 'offline')
    .orderBy('sort')
    .orderBy('id')
    .execute();
  return rows.map(entryOfRow);
}

export async function countServices(db: Db): Promise<number> {
  const row = await db.selectFrom('services').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertCatalog(
  db: Db,
  categories: readonly ServiceCategory[],
  services: readonly CatalogEntry[],
  now: Date,
): Promise<void> {
  if (categories.length > 0) await db.insertInto('service_categories').values([...categories]).execute();
  if (services.length === 0) return;
  const at = now.toISOString();
  await db
    .insertInto('services')
    .values(
      services.map((service) => ({ ...columnsOfEntry(service), created_at: at, updated_at: at })),
    )
    .execute();
}

/** The catalog version (bumped by triggers on every change to services / categories); 0 if unset. */
export async function catalogVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('catalog_state').select('version').where('id', '=', 1).executeTakeFirst();
  return row ? Number(row.version) : 0;
}

/** Opens per service since `since`. */
export async function usageCounts(db: Db, since: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('service_usage')
    .select(['service_id', (eb) => eb.fn.countAll().as('count')])
    .where('opened_at', '>=', since.toISOString())
    .groupBy('service_id')
    .execute();
  return new Map(rows.map((row) => [row.service_id, Number(row.count)]));
}

/**
 * Records one opening unless the same person opened the same service at or after `dedupeSince`.
 * The check alone cannot stop two taps that arrive at the same instant (both see no recent row),
 * so the id is derived from (person, service, time bucket) and a second insert of it is a no-op.
 */
export async function recordUsage(db: Db, personId: string, serviceId: string, now: Date, dedupeSince: Date): Promise<boolean> {
  const bucket = Math.floor(now.getTime() / Math.max(1, now.getTime() - dedupeSince.getTime()));
  const id = createHash('sha256').update(`${personId}\u0000${serviceId}\u0000${bucket}`).digest('base64url').slice(0, 32);
  const recent = await db
    .selectFrom('service_usage')
    .select('id')
    .where('person_id', '=', personId)
    .where('service_id', '=', serviceId)
    .where('opened_at', '>=', dedupeSince.toISOString())
    .executeTakeFirst();
  if (recent) return false;
  const inserted = await db
    .insertInto('service_usage')
    .values({ id, person_id: personId, service_id: serviceId, opened_at: now.toISOString() })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The services a person opened, most recent first (distinct), at most `limit`. */
export async function recentServiceIds(db: Db, personId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('service_usage')
    .select(['service_id', (eb) => eb.fn.max('opened_at').as('last')])
    .where('person_id', '=', personId)
    .groupBy('service_id')
    .orderBy('last', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.service_id);
}

export async function favoriteServiceIds(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('service_favorites')
    .select('service_id')
    .where('person_id', '=', personId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.service_id);
}

/** Adds a favorite at the end; already a favorite → nothing changes. */
export async function addFavorite(db: Db, personId: string, serviceId: string, now: Date): Promise<void> {
  const last = await db
    .selectFrom('service_favorites')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('person_id', '=', personId)
    .executeTakeFirst();
  await db
    .insertInto('service_favorites')
    .values({ person_id: personId, service_id: serviceId, position: Number(last?.position ?? 0) + 1, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['person_id', 'service_id']).doNothing())
    .execute();
}

export async function removeFavorite(db: Db, personId: string, serviceId: string): Promise<void> {
  await db.deleteFrom('service_favorites').where('person_id', '=', personId).where('service_id', '=', serviceId).execute();
}

/** Rewrites the positions: `orderedIds` (all of the person's favorites) become 1…n. */
export async function reorderFavorites(db: Db, personId: string, orderedIds: readonly string[]): Promise<void> {
  for (const [index, serviceId] of orderedIds.entries()) {
    await db
      .updateTable('service_favorites')
      .set({ position: index + 1 })
      .where('person_id', '=', personId)
      .where('service_id', '=', serviceId)
      .execute();
  }
}
