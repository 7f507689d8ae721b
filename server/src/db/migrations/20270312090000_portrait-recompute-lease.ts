/**
 * The full portrait recompute a rule edit asks for, as a row every server process can see: the edit
 * bumps `requested_version` in its own transaction; whichever process holds the lease recomputes
 * and records `done_version`. A process that dies mid-run only delays it: its lease runs out and
 * another process's periodic check takes the work over.
 */
import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = dialectOf(db) === 'postgres' ? 'timestamptz' : 'text';
  await db.schema
    .createTable('portrait_recompute')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('requested_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', timestamp)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portrait_recompute').execute();
}
