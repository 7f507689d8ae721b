import { APP_TABLES } from './schema';
import { createDatabase, migrateToLatest, migrateToNothing, type DatabaseHandle } from './database';
import { seedIfEmpty } from '../seed/seed-campus';
import { TEST_DIALECTS, createTestDatabase, withSchemaDdlLock, type TestDatabase } from '../test/test-app';

const ALL_MIGRATIONS = [
  '20261204090000_campus-and-identity',
  '20261215090000_unified-identity',
  '20261220090000_service-hall',
  '20261230090000_catalog-admin-and-notices',
  '20270105090001_microapp-engine',
  '20270201090000_walk',
  '20270301090000_datacenter-and-portrait',
  '20270310090000_walk-opt-outs',
  '20270312090000_portrait-recompute-lease',
];

/**
 * The driver's error message, or '' if the promise resolved. (Not `rejects.toThrow()`:
 * better-sqlite3 errors come from outside jest's sandbox realm and jest sometimes does not
 * recognise them as errors.)
 */
async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return '';
  } catch (error) {
    return String((error as { message?: unknown }).message ?? error);
  }
}

async function appTables(handle: DatabaseHandle): Promise<string[]> {
  const tables = await handle.db.introspection.getTables();
  return tables
    .filter((table) => !handle.schema || table.schema === handle.schema)
    .map((table) => table.name)
    .filter((name) => !name.startsWith('kysely_'))
    .sort();
}

describe.each(TEST_DIALECTS)('migrations on %s', (dialect) => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    handle = createDatabase(testDb.database);
  });
  afterAll(async () => {
    await handle?.db.destroy();
    await testDb?.drop();
  });

  it('creates every table, is idempotent, and goes down and up again with data in it', async () => {
    expect(await withSchemaDdlLock('shared', () => migrateToLatest(handle))).toEqual(ALL_MIGRATIONS);
    expect(await appTables(handle)).toEqual([...APP_TABLES].sort());
    expect(await withSchemaDdlLock('shared', () => migrateToLatest(handle))).toEqual([]);

    await seedIfEmpty(handle.db, { students: 20 });
    expect(await withSchemaDdlLock('exclusive', () => migrateToNothing(handle))).toEqual([...ALL_MIGRATIONS].reverse());
    expect(await appTables(handle)).toEqual([]);

    await withSchemaDdlLock('shared', () => migrateToLatest(handle));
    expect(await appTables(handle)).toEqual([...APP_TABLES].sort());
  });

  it('enforces foreign keys and the enumerated columns', async () => {
    const person = {
      id: 'p-test',
      kind: 'student' as const,
      number: 'fk-test',
      name: '测试',
      status: 'active' as const,
      created_at: new Date().toISOString(),
    };
    expect(await failureOf(handle.db.insertInto('people').values({ ...person, class_id: 'no-such-class' }).execute())).toMatch(
      /foreign key/i,
    );
    expect(await failureOf(handle.db.insertInto('people').values({ ...person, kind: 'alien' as never }).execute())).toMatch(
      /check/i,
    );
    await handle.db.insertInto('people').values(person).execute();
    expect(await failureOf(handle.db.insertInto('people').values({ ...person, id: 'p-other' }).execute())).toMatch(
      /unique|duplicate/i,
    );
  });
});
