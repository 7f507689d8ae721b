import { DEMO_ACCOUNTS } from '../../../mocks/campus/demo-accounts';
import { SERVICES } from '../../../mocks/campus/catalog';
import { createDatabase, migrateToLatest, type DatabaseHandle } from '../db/database';
import { verifyPassword } from '../shared/password';
import { TEST_DIALECTS, createTestDatabase, withSchemaDdlLock, type TestDatabase } from '../test/test-app';
import { countPeople, seedIfEmpty } from './seed-campus';

describe.each(TEST_DIALECTS)('seeding on %s', (dialect) => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    handle = createDatabase(testDb.database);
    await withSchemaDdlLock('shared', () => migrateToLatest(handle));
  });
  afterAll(async () => {
    await handle?.db.destroy();
    await testDb?.drop();
  });

  it('loads the campus and the catalog once, and is a no-op afterwards', async () => {
    const report = await seedIfEmpty(handle.db, { students: 120 });
    expect(report).toEqual(
      expect.objectContaining({ students: 120, services: SERVICES.length, people: await countPeople(handle.db) }),
    );
    expect(await seedIfEmpty(handle.db, { students: 120 })).toBeUndefined();
    const students = await handle.db.selectFrom('people').select('id').where('kind', '=', 'student').execute();
    expect(students).toHaveLength(120);
  });

  it('gives every demo account its role and a hash of its password', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const row = await handle.db
        .selectFrom('people')
        .innerJoin('credentials', 'credentials.person_id', 'people.id')
        .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
        .select(['people.name', 'people.status', 'credentials.password_hash', 'person_roles.role'])
        .where('people.number', '=', account.username)
        .executeTakeFirstOrThrow();
      expect(row).toEqual(expect.objectContaining({ name: account.name, status: 'active', role: account.role }));
      await expect(verifyPassword(account.password, row.password_hash)).resolves.toBe(true);
    }
  });

  it('links the demo parent to the demo student and the student class to the demo counselor', async () => {
    const byNumber = async (number: string) =>
      handle.db.selectFrom('people').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
    const student = await byNumber(DEMO_ACCOUNTS.find((a) => a.role === 'student')!.username);
    const parent = await byNumber(DEMO_ACCOUNTS.find((a) => a.role === 'parent')!.username);
    const counselor = await byNumber(DEMO_ACCOUNTS.find((a) => a.role === 'counselor')!.username);
    const link = await handle.db
      .selectFrom('parent_links')
      .selectAll()
      .where('parent_id', '=', parent.id)
      .where('student_id', '=', student.id)
      .executeTakeFirst();
    expect(link).toEqual(expect.objectContaining({ relation: '父亲' }));
    const group = await handle.db.selectFrom('classes').selectAll().where('id', '=', student.class_id!).executeTakeFirstOrThrow();
    expect(group.counselor_id).toBe(counselor.id);
  });
});
