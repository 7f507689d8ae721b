import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Role } from '../../../../types/roles';
import type { BindingProvider, Database, IdentityBindingsTable, OneTimePurpose, PersonKind, PersonStatus } from '../../db/schema';
import { toDate } from '../../db/schema';

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

export type AuthMethod = 'password' | 'cas' | 'oidc' | 'wechat' | 'dingtalk' | 'sms';

export interface NewSession {
  id: string;
  personId: string;
  authMethod: AuthMethod;
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

export type RevokeReason = 'logout' | 'refresh_reused' | 'unbind' | 'disabled' | 'binding_replaced';

export async function revokeSession(db: Db, sessionId: string, at: Date, reason: RevokeReason = 'logout'): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at.toISOString(), revoked_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every live session of a person (optionally only those of one auth method); returns how many. */
export async function revokePersonSessions(
  db: Db,
  personId: string,
  at: Date,
  reason: RevokeReason,
  authMethod?: AuthMethod,
): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: at.toISOString(), revoked_reason: reason })
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null);
  if (authMethod) query = query.where('auth_method', '=', authMethod);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function extendSession(db: Db, sessionId: string, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt.toISOString() }).where('id', '=', sessionId).execute();
}

// --- refresh tokens ------------------------------------------------------------------------

export async function insertRefreshToken(
  db: Db,
  token: { id: string; sessionId: string; tokenHash: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({
      id: token.id,
      session_id: token.sessionId,
      token_hash: token.tokenHash,
      created_at: token.createdAt.toISOString(),
      expires_at: token.expiresAt.toISOString(),
      rotated_at: null,
      replaced_by: null,
      revoked_at: null,
    })
    .execute();
}

export interface RefreshTokenState {
  id: string;
  sessionId: string;
  personId: string;
  personStatus: PersonStatus;
  authMethod: string;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  sessionRevoked: boolean;
}

export async function findRefreshToken(db: Db, tokenHash: string): Promise<RefreshTokenState | undefined> {
  const row = await db
    .selectFrom('refresh_tokens')
    .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
    .innerJoin('people', 'people.id', 'sessions.person_id')
    .select([
      'refresh_tokens.id',
      'refresh_tokens.session_id',
      'refresh_tokens.expires_at',
      'refresh_tokens.rotated_at',
      'refresh_tokens.revoked_at',
      'sessions.revoked_at as session_revoked_at',
      'sessions.auth_method',
      'people.id as person_id',
      'people.status',
    ])
    .where('refresh_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    sessionId: row.session_id,
    personId: row.person_id,
    personStatus: row.status,
    authMethod: row.auth_method,
    expiresAt: toDate(row.expires_at),
    rotatedAt: row.rotated_at ? toDate(row.rotated_at) : null,
    revokedAt: row.revoked_at ? toDate(row.revoked_at) : null,
    sessionRevoked: row.session_revoked_at !== null,
  };
}

/** Marks the token rotated if nobody did yet: true for exactly one of any concurrent callers. */
export async function markRotated(db: Db, id: string, replacedBy: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ rotated_at: at.toISOString(), replaced_by: replacedBy })
    .where('id', '=', id)
    .where('rotated_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeFamily(db: Db, sessionId: string, at: Date): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at.toISOString() })
    .where('session_id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

// --- one-time tokens -----------------------------------------------------------------------

export async function insertOneTimeToken(
  db: Db,
  token: { id: string; purpose: OneTimePurpose; tokenHash: string; payload: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('one_time_tokens')
    .values({
      id: token.id,
      purpose: token.purpose,
      token_hash: token.tokenHash,
      payload: token.payload,
      created_at: token.createdAt.toISOString(),
      expires_at: token.expiresAt.toISOString(),
      consumed_at: null,
    })
    .execute();
}

/** The payload of a live, unused token, marking it used in the same statement (single use). */
export async function consumeOneTimeToken(
  db: Db,
  purpose: OneTimePurpose,
  tokenHash: string,
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .updateTable('one_time_tokens')
    .set({ consumed_at: now.toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .returning('payload')
    .executeTakeFirst();
  return row?.payload;
}

/** The payload of a live, unused token without using it up. */
export async function peekOneTimeToken(
  db: Db,
  purpose: OneTimePurpose,
  tokenHash: string,
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('one_time_tokens')
    .select('payload')
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row?.payload;
}

export async function pruneOneTimeTokens(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('one_time_tokens').where('expires_at', '<', before.toISOString()).execute();
}

// --- people lookups for the flows ------------------------------------------------------------

export interface PersonRef {
  id: string;
  kind: PersonKind;
  status: PersonStatus;
}

export async function findPersonByNumber(db: Db, number: string): Promise<PersonRef | undefined> {
  return db.selectFrom('people').select(['id', 'kind', 'status']).where('number', '=', number).executeTakeFirst();
}

export async function findPersonById(db: Db, id: string): Promise<PersonRef | undefined> {
  return db.selectFrom('people').select(['id', 'kind', 'status']).where('id', '=', id).executeTakeFirst();
}

/** A staff member by DingTalk's mobile; undefined unless exactly one matches. */
export async function findStaffByMobile(db: Db, mobile: string): Promise<PersonRef | undefined> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'kind', 'status'])
    .where('mobile', '=', mobile)
    .where('kind', '=', 'staff')
    .limit(2)
    .execute();
  return rows.length === 1 ? rows[0] : undefined;
}

/** A parent by mobile number who is linked to at least one student. */
export async function findLinkedParentByMobile(db: Db, mobile: string): Promise<PersonRef | undefined> {
  return db
    .selectFrom('people')
    .select(['people.id', 'people.kind', 'people.status'])
    .where('people.kind', '=', 'parent')
    .where((eb) => eb.or([eb('people.mobile', '=', mobile), eb('people.number', '=', mobile)]))
    .where((eb) => eb.exists(eb.selectFrom('parent_links').select('student_id').whereRef('parent_links.parent_id', '=', 'people.id')))
    .executeTakeFirst();
}

export async function setPersonStatus(db: Db, personId: string, status: PersonStatus): Promise<boolean> {
  const result = await db.updateTable('people').set({ status }).where('id', '=', personId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// --- bindings ---------------------------------------------------------------------------

export interface BindingRow {
  id: string;
  provider: BindingProvider;
  subject: string;
  personId: string;
  boundAt: Date;
}

const selectBindings = (db: Db) =>
  db.selectFrom('identity_bindings').select(['id', 'provider', 'subject', 'person_id', 'bound_at']);

function toBindingRow(row: Pick<Selectable<IdentityBindingsTable>, 'id' | 'provider' | 'subject' | 'person_id' | 'bound_at'>): BindingRow {
  return { id: row.id, provider: row.provider, subject: row.subject, personId: row.person_id, boundAt: toDate(row.bound_at) };
}

export async function findBindingBySubject(db: Db, provider: BindingProvider, subject: string): Promise<BindingRow | undefined> {
  const row = await selectBindings(db).where('provider', '=', provider).where('subject', '=', subject).executeTakeFirst();
  return row && toBindingRow(row);
}

export async function findBindingByPerson(db: Db, provider: BindingProvider, personId: string): Promise<BindingRow | undefined> {
  const row = await selectBindings(db).where('provider', '=', provider).where('person_id', '=', personId).executeTakeFirst();
  return row && toBindingRow(row);
}

export async function listBindings(db: Db, personId: string): Promise<BindingRow[]> {
  const rows = await selectBindings(db).where('person_id', '=', personId).orderBy('provider').execute();
  return rows.map(toBindingRow);
}

export async function insertBinding(
  db: Db,
  binding: { id: string; provider: BindingProvider; subject: string; unionid: string | null; personId: string; boundAt: Date },
): Promise<void> {
  await db
    .insertInto('identity_bindings')
    .values({
      id: binding.id,
      provider: binding.provider,
      subject: binding.subject,
      unionid: binding.unionid,
      person_id: binding.personId,
      bound_at: binding.boundAt.toISOString(),
    })
    .execute();
}

export async function deleteBinding(db: Db, id: string): Promise<void> {
  await db.deleteFrom('identity_bindings').where('id', '=', id).execute();
}

// --- WeChat session keys ------------------------------------------------------------------

export async function upsertWechatSession(
  db: Db,
  row: { openid: string; unionid: string | null; personId: string | null; sessionKeyEnc: string; at: Date },
): Promise<void> {
  await db
    .insertInto('wechat_sessions')
    .values({
      openid: row.openid,
      unionid: row.unionid,
      person_id: row.personId,
      session_key_enc: row.sessionKeyEnc,
      updated_at: row.at.toISOString(),
    })
    .onConflict((oc) =>
      oc.column('openid').doUpdateSet({
        unionid: row.unionid,
        person_id: row.personId,
        session_key_enc: row.sessionKeyEnc,
        updated_at: row.at.toISOString(),
      }),
    )
    .execute();
}

export async function setWechatSessionPerson(db: Db, openid: string, personId: string | null): Promise<void> {
  await db.updateTable('wechat_sessions').set({ person_id: personId }).where('openid', '=', openid).execute();
}

export async function deleteWechatSession(db: Db, openid: string): Promise<void> {
  await db.deleteFrom('wechat_sessions').where('openid', '=', openid).execute();
}

// --- parents and students -------------------------------------------------------------------

export interface ChildRow {
  id: string;
  name: string;
  number: string;
  className: string | null;
  relation: string;
}

export async function listChildren(db: Db, parentId: string): Promise<ChildRow[]> {
  return db
    .selectFrom('parent_links')
    .innerJoin('people', 'people.id', 'parent_links.student_id')
    .leftJoin('classes', 'classes.id', 'people.class_id')
    .select(['people.id', 'people.name', 'people.number', 'classes.name as className', 'parent_links.relation'])
    .where('parent_links.parent_id', '=', parentId)
    .orderBy('people.number')
    .execute();
}

export async function findActiveChild(db: Db, parentId: string): Promise<string | undefined> {
  const row = await db.selectFrom('parent_active_child').select('student_id').where('parent_id', '=', parentId).executeTakeFirst();
  return row?.student_id;
}

export async function setActiveChild(db: Db, parentId: string, studentId: string, at: Date): Promise<void> {
  await db
    .insertInto('parent_active_child')
    .values({ parent_id: parentId, student_id: studentId, updated_at: at.toISOString() })
    .onConflict((oc) => oc.column('parent_id').doUpdateSet({ student_id: studentId, updated_at: at.toISOString() }))
    .execute();
}

export interface PrivacyRow {
  leaveStatus: boolean;
  portrait: boolean;
  /** portrait (issue 7): absent in a PUT = left as it is */
  portraitSummary?: boolean;
  portraitWarnings?: boolean;
}

export async function findPrivacy(db: Db, studentId: string): Promise<PrivacyRow | undefined> {
  const row = await db
    .selectFrom('student_privacy')
    .select(['leave_status', 'portrait', 'portrait_summary', 'portrait_warnings'])
    .where('student_id', '=', studentId)
    .executeTakeFirst();
  return (
    row && {
      leaveStatus: Number(row.leave_status) === 1,
      portrait: Number(row.portrait) === 1,
      portraitSummary: Number(row.portrait_summary) === 1,
      portraitWarnings: Number(row.portrait_warnings) === 1,
    }
  );
}

export async function setPrivacy(db: Db, studentId: string, privacy: PrivacyRow, at: Date): Promise<void> {
  const values = {
    leave_status: privacy.leaveStatus ? 1 : 0,
    portrait: privacy.portrait ? 1 : 0,
    ...(privacy.portraitSummary !== undefined ? { portrait_summary: privacy.portraitSummary ? 1 : 0 } : {}),
    ...(privacy.portraitWarnings !== undefined ? { portrait_warnings: privacy.portraitWarnings ? 1 : 0 } : {}),
    updated_at: at.toISOString(),
  };
  await db
    .insertInto('student_privacy')
    .values({ student_id: studentId, ...values })
    .onConflict((oc) => oc.column('student_id').doUpdateSet(values))
    .execute();
}

export async function insertAudit(
  db: Db,
  entry: { id: string; actorId: string | null; action: string; target: string; detail?: Record<string, unknown>; at: Date },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: entry.id,
      actor_id: entry.actorId,
      action: entry.action,
      target: entry.target,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      at: entry.at.toISOString(),
    })
    .execute();
}
