/**
 * Service hall (issue 4): favorites per person, usage (opened services) for recently used and
 * hot services, and a catalog version bumped by triggers on every change to `services` or
 * `service_categories`, so each process can cache its search index (pinyin) keyed by it.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

const TRIGGERS = [
  ['services', 'services_catalog_version'],
  ['service_categories', 'service_categories_catalog_version'],
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  const timestamp = postgres ? 'timestamptz' : 'text';

  await db.schema
    .createTable('service_favorites')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('service_favorites_pk', ['person_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('service_usage')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('opened_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_usage_opened_at_idx').on('service_usage').columns(['opened_at', 'service_id']).execute();
  await db.schema.createIndex('service_usage_person_idx').on('service_usage').columns(['person_id', 'opened_at']).execute();

  await db.schema
    .createTable('catalog_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('catalog_state').values({ id: 1, version: 1 }).execute();

  if (postgres) {
    await sql`create function bump_catalog_version() returns trigger language plpgsql as $$
      begin
        -- an upsert: \`seed --reset\` truncates catalog_state along with every other table
        insert into catalog_state (id, version) values (1, 1)
          on conflict (id) do update set version = catalog_state.version + 1;
        return null;
      end $$`.execute(db);
    for (const [table, name] of TRIGGERS) {
      await sql`create trigger ${sql.id(name)} after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function bump_catalog_version()`.execute(db);
    }
  } else {
    for (const [table, name] of TRIGGERS) {
      for (const event of ['insert', 'update', 'delete'] as const) {
        await sql`create trigger ${sql.id(`${name}_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
          begin update catalog_state set version = version + 1 where id = 1; end`.execute(db);
      }
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  for (const [table, name] of TRIGGERS) {
    if (postgres) await sql`drop trigger if exists ${sql.id(name)} on ${sql.table(table)}`.execute(db);
    else for (const event of ['insert', 'update', 'delete']) await sql`drop trigger if exists ${sql.id(`${name}_${event}`)}`.execute(db);
  }
  if (postgres) await sql`drop function if exists bump_catalog_version()`.execute(db);
  await db.schema.dropTable('catalog_state').execute();
  await db.schema.dropTable('service_usage').execute();
  await db.schema.dropTable('service_favorites').execute();
}
