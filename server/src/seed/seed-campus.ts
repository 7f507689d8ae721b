/**
 * Loads a generated demo campus and the first service catalog into an empty database.
 *
 * Speed matters (a fresh `npm start`, every test file): rows go in as multi-row inserts inside
 * one transaction, and scrypt runs only for the demo accounts. Everyone else gets one shared,
 * precomputed hash of the demo password — a seeding shortcut for demo data only (identical
 * salts would be a flaw with real passwords, which are always hashed one by one).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { DEMO_NOTICES, SERVICE_CATEGORIES, SERVICES } from '../../../mocks/campus/catalog';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../mocks/campus/demo-accounts';
import { generateCampus } from '../../../mocks/campus/generate-campus';
import type { Campus, CampusPerson } from '../../../mocks/campus/types';
import { dialectOf } from '../db/dialect';
import type { Database } from '../db/schema';
import { countServices, insertCatalog } from '../modules/catalog/catalog.repository';
import { insertDemoNotices } from '../modules/notices/notices.repository';
import { hashPassword } from '../shared/password';

export interface SeedOptions {
  students: number;
  seed?: number;
}

export interface SeedReport {
  people: number;
  students: number;
  staff: number;
  parents: number;
  services: number;
  milliseconds: { generate: number; hash: number; insert: number; total: number };
}

// Both SQLite (32766) and PostgreSQL (65535) cap bound parameters per statement.
const MAX_PARAMETERS_PER_INSERT = 30000;

async function insertInChunks<T extends keyof Database & string>(
  trx: Transaction<Database>,
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS_PER_INSERT / columns));
  for (let start = 0; start < rows.length; start += size) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are built to the table's shape below
    await trx.insertInto(table).values(rows.slice(start, start + size) as any).execute();
  }
}

function personRow(person: CampusPerson, createdAt: string) {
  return {
    id: person.id,
    kind: person.kind,
    number: person.number,
    name: person.name,
    gender: person.gender,
    mobile: person.mobile,
    college_id: person.collegeId ?? null,
    major_id: person.majorId ?? null,
    class_id: person.classId ?? null,
    department: person.department ?? null,
    title: person.title ?? null,
    dorm_room_id: person.dormRoomId ?? null,
    enrolled_year: person.enrolledYear ?? null,
    status: person.status,
    created_at: createdAt,
  };
}

export async function countPeople(db: Kysely<Database> | Transaction<Database>): Promise<number> {
  const row = await db.selectFrom('people').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

async function loadCampus(trx: Transaction<Database>, campus: Campus, hashes: Map<string, string>, sharedHash: string) {
  const now = new Date().toISOString();
  await insertInChunks(trx, 'colleges', campus.colleges.map(({ id, code, name }) => ({ id, code, name })));
  await insertInChunks(
    trx,
    'majors',
    campus.majors.map((major) => ({
      id: major.id,
      college_id: major.collegeId,
      name: major.name,
      short_name: major.shortName,
    })),
  );
  await insertInChunks(
    trx,
    'dorm_buildings',
    campus.dormBuildings.map(({ id, name, gender, floors }) => ({ id, name, gender, floors })),
  );
  await insertInChunks(
    trx,
    'dorm_rooms',
    campus.dormRooms.map((room) => ({
      id: room.id,
      building_id: room.buildingId,
      number: room.number,
      capacity: room.capacity,
    })),
  );
  // classes name their counselor and students name their class: staff, then classes, then the rest
  const staff = campus.people.filter((person) => person.kind === 'staff');
  const others = campus.people.filter((person) => person.kind !== 'staff');
  await insertInChunks(trx, 'people', staff.map((person) => personRow(person, now)));
  await insertInChunks(
    trx,
    'classes',
    campus.classes.map((group) => ({
      id: group.id,
      name: group.name,
      college_id: group.collegeId,
      major_id: group.majorId,
      enrolled_year: group.enrolledYear,
      counselor_id: group.counselorId,
    })),
  );
  await insertInChunks(trx, 'people', others.map((person) => personRow(person, now)));
  await insertInChunks(
    trx,
    'person_roles',
    campus.people.flatMap((person) => person.roles.map((role) => ({ person_id: person.id, role }))),
  );
  await insertInChunks(
    trx,
    'credentials',
    campus.people.map((person) => ({
      person_id: person.id,
      password_hash: hashes.get(person.number) ?? sharedHash,
      updated_at: now,
    })),
  );
  await insertInChunks(
    trx,
    'parent_links',
    campus.parentLinks.map((link) => ({
      parent_id: link.parentId,
      student_id: link.studentId,
      relation: link.relation,
    })),
  );
}

/**
 * Seeds people and catalog if (and only if) each is missing. Safe to call from several
 * processes starting at once: on PostgreSQL they queue on an advisory lock and re-check.
 * Returns undefined when there was nothing to do.
 */
export async function seedIfEmpty(db: Kysely<Database>, options: SeedOptions): Promise<SeedReport | undefined> {
  const started = performance.now();
  if ((await countPeople(db)) > 0 && (await countServices(db)) > 0) return undefined;

  const campus = generateCampus({ students: options.students, seed: options.seed });
  const generated = performance.now();

  const demoNumbers = DEMO_ACCOUNTS.map((account) => account.username);
  const [sharedHash, ...demoHashes] = await Promise.all([
    hashPassword(DEMO_PASSWORD),
    ...DEMO_ACCOUNTS.map((account) => hashPassword(account.password)),
  ]);
  const hashes = new Map(demoNumbers.map((number, index) => [number, demoHashes[index]!]));
  const hashed = performance.now();

  const seeded = await db.transaction().execute(async (trx) => {
    if (dialectOf(trx) === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext('zhihui-xiaoyuan:seed'))`.execute(trx);
    }
    let people = false;
    let services = false;
    if ((await countPeople(trx)) === 0) {
      await loadCampus(trx, campus, hashes, sharedHash!);
      people = true;
    }
    if ((await countServices(trx)) === 0) {
      await insertCatalog(trx, SERVICE_CATEGORIES, SERVICES, new Date());
      await insertDemoNotices(trx, DEMO_NOTICES, new Date());
      services = true;
    }
    return { people, services };
  });
  const finished = performance.now();
  if (!seeded.people && !seeded.services) return undefined;

  const count = (kind: CampusPerson['kind']) => campus.people.filter((person) => person.kind === kind).length;
  return {
    people: seeded.people ? campus.people.length : 0,
    students: seeded.people ? count('student') : 0,
    staff: seeded.people ? count('staff') : 0,
    parents: seeded.people ? count('parent') : 0,
    services: seeded.services ? SERVICES.length : 0,
    milliseconds: {
      generate: Math.round(generated - started),
      hash: Math.round(hashed - generated),
      insert: Math.round(finished - hashed),
      total: Math.round(finished - started),
    },
  };
}
