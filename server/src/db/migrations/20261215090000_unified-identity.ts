/**
 * Unified identity (issue 3): refresh-token families on sessions, platform bindings, WeChat
 * session keys (encrypted), one-time tokens (handoff codes, bind tickets, OIDC states), SMS codes,
 * database-backed rate limits, parents' active child, students' parent-visibility settings and a
 * minimal audit log.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

const NEW_TABLES = [
  'audit_log',
  'parent_active_child',
  'student_privacy',
  'rate_limits',
  'sms_codes',
  'one_time_tokens',
  'wechat_sessions',
  'identity_bindings',
  'refresh_tokens',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = dialectOf(db) === 'postgres' ? 'timestamptz' : 'text';

  // a session is one refresh-token family; revoked_reason says why it ended
  await db.schema.alterTable('sessions').addColumn('revoked_reason', 'text').execute();

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    // sha-256 of the opaque token (base64url); the token itself is never stored
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .addColumn('rotated_at', timestamp)
    .addColumn('replaced_by', 'text')
    .addColumn('revoked_at', timestamp)
    .execute();
  await db.schema.createIndex('refresh_tokens_session_id_idx').on('refresh_tokens').column('session_id').execute();

  await db.schema
    .createTable('identity_bindings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('wechat', 'dingtalk', 'cas', 'oidc')`))
    // WeChat openid, DingTalk userid, CAS user, OIDC sub
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('unionid', 'text')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('bound_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('identity_bindings_provider_subject_unique', ['provider', 'subject'])
    // one account per provider and person: binding a new phone replaces the old binding
    .addUniqueConstraint('identity_bindings_provider_person_unique', ['provider', 'person_id'])
    .execute();
  await db.schema.createIndex('identity_bindings_person_id_idx').on('identity_bindings').column('person_id').execute();

  await db.schema
    .createTable('wechat_sessions')
    .addColumn('openid', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('unionid', 'text')
    // AES-256-GCM, key derived from configuration: `v1.<iv>.<tag>.<ciphertext>` (base64url)
    .addColumn('session_key_enc', 'text', (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wechat_sessions_person_id_idx').on('wechat_sessions').column('person_id').execute();

  await db.schema
    .createTable('one_time_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('handoff', 'bind', 'oidc_state')`))
    // sha-256 of the code / ticket / state handed out
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // JSON: what the token stands for (never a secret that leaves the server)
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .addColumn('consumed_at', timestamp)
    .execute();
  await db.schema.createIndex('one_time_tokens_expires_at_idx').on('one_time_tokens').column('expires_at').execute();

  await db.schema
    .createTable('sms_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mobile', 'text', (c) => c.notNull())
    // HMAC-SHA-256 of mobile + code with a key derived from configuration (6 digits are too few for a plain hash)
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consumed_at', timestamp)
    .execute();
  await db.schema.createIndex('sms_codes_mobile_idx').on('sms_codes').columns(['mobile', 'created_at']).execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'text', (c) => c.primaryKey())
    .addColumn('window_start', timestamp, (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('blocked_until', timestamp)
    // when the row may be pruned
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_expires_at_idx').on('rate_limits').column('expires_at').execute();

  await db.schema
    .createTable('student_privacy')
    .addColumn('student_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    // 0 / 1 (integers rather than booleans: one binding for both dialects)
    .addColumn('leave_status', 'integer', (c) => c.notNull().check(sql`leave_status in (0, 1)`))
    .addColumn('portrait', 'integer', (c) => c.notNull().check(sql`portrait in (0, 1)`))
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('parent_active_child')
    .addColumn('parent_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_target_idx').on('audit_log').columns(['target', 'at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of NEW_TABLES) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('sessions').dropColumn('revoked_reason').execute();
}
