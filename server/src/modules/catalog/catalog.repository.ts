import type { Kysely, Transaction } from 'kysely';
import type { Service, ServiceCategory } from '../../../../types/api';
import type { Platform, Role } from '../../../../types/roles';
import type { Database } from '../../db/schema';

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

/** Every service that is not offline, in display order. */
export async function listPublishedServices(db: Db): Promise<CatalogEntry[]> {
  const rows = await db
    .selectFrom('services')
    .selectAll()
    .where('status', '!=', 'offline')
    .orderBy('sort')
    .orderBy('id')
    .execute();
  return rows.map((row) => {
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
  });
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
      services.map((service) => ({
        id: service.id,
        name: service.name,
        icon: service.icon,
        description: service.description,
        category_id: service.categoryId,
        department: service.department,
        kind: service.kind,
        target: service.target,
        status: service.status,
        status_message: service.statusMessage ?? null,
        platforms: JSON.stringify(service.platforms),
        roles: JSON.stringify(service.roles),
        keywords: JSON.stringify(service.keywords),
        sort: service.sort,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}
