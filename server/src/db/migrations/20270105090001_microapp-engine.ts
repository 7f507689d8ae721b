/**
 * Micro-app engine (issue 5): definition versions, requests pinned to a version, tasks, the
 * audit timeline, CC entries, node timers claimed by lease (several processes, one firing),
 * uploads, the inbox and the outbox of push messages, and college leaders for assignee rules.
 */
import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  const timestamp = postgres ? 'timestamptz' : 'text';
  const bytes = postgres ? 'bytea' : 'blob';

  await db.schema
    .createTable('microapp_versions')
    .addColumn('app_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('published_at', timestamp)
    .addPrimaryKeyConstraint('microapp_versions_pk', ['app_key', 'version'])
    .execute();

  await db.schema
    .createTable('workflow_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('applicant_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('values', 'text', (c) => c.notNull())
    .addColumn('node_values', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('last_urged_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('completed_at', timestamp)
    .addForeignKeyConstraint('workflow_requests_version_fk', ['app_key', 'version'], 'microapp_versions', ['app_key', 'version'])
    .addUniqueConstraint('workflow_requests_idempotency_uq', ['applicant_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('workflow_requests_applicant_idx').on('workflow_requests').columns(['applicant_id', 'updated_at']).execute();
  await db.schema.createIndex('workflow_requests_app_idx').on('workflow_requests').columns(['app_key', 'status']).execute();

  await db.schema
    .createTable('workflow_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('workflow_requests.id').onDelete('cascade'))
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('node_name', 'text', (c) => c.notNull())
    .addColumn('node_type', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('due_at', timestamp)
    .addColumn('completed_at', timestamp)
    .execute();
  await db.schema.createIndex('workflow_tasks_assignee_idx').on('workflow_tasks').columns(['assignee_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('workflow_tasks_request_idx').on('workflow_tasks').columns(['request_id', 'status']).execute();

  await db.schema
    .createTable('workflow_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('workflow_requests.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('node_id', 'text')
    .addColumn('node_name', 'text')
    .addColumn('comment', 'text')
    .addColumn('detail', 'text')
    .addColumn('at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('workflow_events_seq_uq', ['request_id', 'seq'])
    .execute();

  await db.schema
    .createTable('workflow_cc')
    .addColumn('request_id', 'text', (c) => c.notNull().references('workflow_requests.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('read_at', timestamp)
    .addPrimaryKeyConstraint('workflow_cc_pk', ['request_id', 'person_id', 'node_id'])
    .execute();
  await db.schema.createIndex('workflow_cc_person_idx').on('workflow_cc').columns(['person_id', 'created_at']).execute();

  await db.schema
    .createTable('workflow_timers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('workflow_tasks.id').onDelete('cascade'))
    .addColumn('request_id', 'text', (c) => c.notNull().references('workflow_requests.id').onDelete('cascade'))
    .addColumn('timeout_index', 'integer', (c) => c.notNull())
    .addColumn('fire_at', timestamp, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', timestamp)
    .addColumn('fired_at', timestamp)
    .execute();
  await db.schema.createIndex('workflow_timers_due_idx').on('workflow_timers').columns(['status', 'fire_at']).execute();

  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('request_id', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('read_at', timestamp)
    .execute();
  await db.schema.createIndex('messages_person_idx').on('messages').columns(['person_id', 'created_at']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', timestamp, (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', timestamp)
    .addColumn('sent_at', timestamp)
    .addColumn('last_error', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('outbox_message_channel_uq', ['message_id', 'channel'])
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('org_leaders')
    .addColumn('college_id', 'text', (c) => c.primaryKey().references('colleges.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'org_leaders',
    'outbox',
    'messages',
    'uploads',
    'workflow_timers',
    'workflow_cc',
    'workflow_events',
    'workflow_tasks',
    'workflow_requests',
    'microapp_versions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
