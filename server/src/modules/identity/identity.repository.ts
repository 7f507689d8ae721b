import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../../../../types/roles';
import type { Database, PersonKind, PersonStatus } from '../../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface LoginCandidate {
  id: string;
  status: PersonStatus;
  passwordHash: string | null;
}

export async function findLoginCandidate(db: Db, number: string): Promise<LoginCandidate | undefined> {
  const row = await db
    .selectFrom('people')
    .leftJoin('credentials', 'credentials.person_id', 'people.id')
    .select(['people.id', 'people.status', 'credentials.password_hash'])
    .where('people.number', '=', number)
    .executeTakeFirst();
  return row && { id: row.id, status: row.status, passwordHash: row.password_hash };
}

export async function findRoles(db: Db, personId: string): Promise<Role[]> {
  const rows = await db
    .selectFrom('person_roles')
    .select('role')
    .where('person_id', '=', personId)
    .orderBy('role')
    .execute();
  return rows.map((row) => row.role);
}

export interface Profile {
  id: string;
  number: string;
  name: string;
  kind: PersonKind;
  status: PersonStatus;
  college: string | null;
  major: string | null;
  className: string | null;
  department: string | null;
}

export async function findProfile(db: Db, personId: string): Promise<Profile | undefined> {
  return db
    .selectFrom('people')
    .leftJoin('colleges', 'colleges.id', 'people.college_id')
    .leftJoin('majors', 'majors.id', 'people.major_id')
    .leftJoin('classes', 'classes.id', 'people.class_id')
    .select([
      'people.id',
      'people.number',
      'people.name',
      'people.kind',
      'people.status',
      'colleges.name as college',
      'majors.name as major',
      'classes.name as className',
      'people.department',
    ])
    .where('people.id', '=', personId)
    .executeTakeFirst();
}

export interface NewSession {
  id: string;
  personId: string;
  authMethod: 'password';
  platform: string | null;
  userAgent: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export async function insertSession(db: Db, session: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      person_id: session.personId,
      auth_method: session.authMethod,
      platform: session.platform,
      user_agent: session.userAgent,
      created_at: session.createdAt.toISOString(),
      expires_at: session.expiresAt.toISOString(),
      revoked_at: null,
    })
    .execute();
}

export interface SessionOwner {
  personId: string;
  personStatus: PersonStatus;
}

/** The session's owner if the session is neither revoked nor expired at `now`. */
export async function findLiveSession(
  db: Db,
  sessionId: string,
  personId: string,
  now: Date,
): Promise<SessionOwner | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('people', 'people.id', 'sessions.person_id')
    .select(['people.id as personId', 'people.status as personStatus'])
    .where('sessions.id', '=', sessionId)
    .where('sessions.person_id', '=', personId)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row;
}

export async function revokeSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at.toISOString() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}
