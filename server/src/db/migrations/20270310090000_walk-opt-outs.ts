/**
 * Staff who left an auto-join walking challenge: they are not joined again on their next look,
 * and the consent dialog no longer opens by itself (they may still join again by choice).
 */
import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = dialectOf(db) === 'postgres' ? 'timestamptz' : 'text';
  await db.schema
    .createTable('walk_opt_outs')
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('walk_challenges.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('left_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('walk_opt_outs_pk', ['challenge_id', 'person_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('walk_opt_outs').execute();
}
