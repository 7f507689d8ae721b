/**
 * The authorization layer every service uses first thing: who is asking (requireAuth), in which
 * capacity (requireRole), which rows they may touch (relationTo / requireReadPerson: self, a
 * counselor's classes, a parent's children, an admin) and which fields of those rows they may see
 * (visibleFields / filterFields). Later issues add their own row rules next to these.
 */
import type { Kysely } from 'kysely';
import type { Role } from '../../../types/roles';
import type { Database } from '../db/schema';
import { requireAuth, type AuthContext } from './auth-context';
import { forbidden } from './errors';

export { requireAuth, type AuthContext } from './auth-context';

/** The caller must hold at least one of `roles` (403 otherwise). */
export function requireRole(auth: AuthContext | null | undefined, ...roles: Role[]): asserts auth is AuthContext {
  requireAuth(auth);
  if (!roles.some((role) => auth.roles.includes(role))) throw forbidden();
}

export const hasRole = (auth: AuthContext, ...roles: Role[]): boolean => roles.some((role) => auth.roles.includes(role));

/**
 * How the caller stands to a person, strongest first. `none`: may not read the person at all.
 * A teacher sees nobody else yet (courses arrive with a later issue).
 */
export type PersonRelation = 'self' | 'admin' | 'counselor' | 'parent' | 'none';

export async function relationTo(db: Kysely<Database>, auth: AuthContext, personId: string): Promise<PersonRelation> {
  if (auth.personId === personId) return 'self';
  if (hasRole(auth, 'admin')) return 'admin';
  if (hasRole(auth, 'counselor')) {
    const row = await db
      .selectFrom('people')
      .innerJoin('classes', 'classes.id', 'people.class_id')
      .select('people.id')
      .where('people.id', '=', personId)
      .where('people.kind', '=', 'student')
      .where('classes.counselor_id', '=', auth.personId)
      .executeTakeFirst();
    if (row) return 'counselor';
  }
  if (hasRole(auth, 'parent')) {
    const row = await db
      .selectFrom('parent_links')
      .select('student_id')
      .where('parent_id', '=', auth.personId)
      .where('student_id', '=', personId)
      .executeTakeFirst();
    if (row) return 'parent';
  }
  return 'none';
}

export async function canReadPerson(db: Kysely<Database>, auth: AuthContext | null, personId: string): Promise<boolean> {
  requireAuth(auth);
  return (await relationTo(db, auth, personId)) !== 'none';
}

/**
 * 403 unless the caller may read the person. The same 403 whether or not the person exists, so
 * the answer does not reveal who is in the directory.
 */
export async function requireReadPerson(
  db: Kysely<Database>,
  auth: AuthContext | null,
  personId: string,
): Promise<Exclude<PersonRelation, 'none'>> {
  requireAuth(auth);
  const relation = await relationTo(db, auth, personId);
  if (relation === 'none') throw forbidden('没有权限查看此人的信息');
  return relation;
}

/** The fields of a person record (PersonCard in types/api.ts). */
export const PERSON_FIELDS = [
  'id',
  'number',
  'name',
  'kind',
  'gender',
  'college',
  'major',
  'className',
  'department',
  'title',
  'mobile',
  'dormRoom',
  'status',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

const PUBLIC_FIELDS: readonly PersonField[] = ['id', 'number', 'name', 'kind', 'college', 'major', 'className', 'department', 'title'];

/**
 * Which fields each relation may see. A parent sees the child's name and class but not the
 * mobile or the dorm; a counselor needs both to reach a student; `status` is for admins.
 */
export const VISIBLE_PERSON_FIELDS: Record<Exclude<PersonRelation, 'none'>, readonly PersonField[]> = {
  self: PERSON_FIELDS.filter((field) => field !== 'status'),
  admin: PERSON_FIELDS,
  counselor: [...PUBLIC_FIELDS, 'gender', 'mobile', 'dormRoom'],
  parent: PUBLIC_FIELDS,
};

/** A copy of `record` with only the fields `relation` may see (absent fields stay absent). */
export function filterFields<T extends Partial<Record<PersonField, unknown>>>(
  record: T,
  relation: Exclude<PersonRelation, 'none'>,
): Partial<T> {
  const allowed = new Set<string>(VISIBLE_PERSON_FIELDS[relation]);
  return Object.fromEntries(Object.entries(record).filter(([key]) => allowed.has(key))) as Partial<T>;
}
