/**
 * Staff walking challenge (issue 6). Raw steps per person and day (`walk_steps`, the only copy of
 * the health-like data, deleted when the person leaves), and per challenge aggregates maintained
 * on every write so leaderboards never scan step rows: `walk_totals` holds one row per
 * participant and period (`d:<day>`, `w:<monday>`, `all`), `walk_team_totals` the same per team,
 * `walk_teams` the member counts behind the averages.
 */
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  const timestamp = postgres ? 'timestamptz' : 'text';
  // SQLite: the hot tables are clustered on their primary key (no hidden rowid b-tree), so one
  // person's rows sit together and a 31-day sync dirties a few pages instead of dozens
  const clustered = <T extends { modifyEnd(node: ReturnType<typeof sql.raw>): T }>(builder: T): T =>
    postgres ? builder : builder.modifyEnd(sql.raw('without rowid'));
  const person = (c: ColumnDefinitionBuilder) => c.notNull().references('people.id').onDelete('cascade');

  await db.schema
    .createTable('walk_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('all', 'departments')`))
    .addColumn('departments', 'text', (c) => c.notNull())
    .addColumn('team_mode', 'text', (c) => c.notNull().check(sql`team_mode in ('department', 'group')`))
    .addColumn('groups', 'text', (c) => c.notNull())
    .addColumn('daily_goal', 'integer', (c) => c.notNull())
    .addColumn('daily_cap', 'integer', (c) => c.notNull())
    .addColumn('join_mode', 'text', (c) => c.notNull().check(sql`join_mode in ('auto', 'opt_in')`))
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addCheckConstraint('walk_challenges_window', sql`start_date <= end_date`)
    .execute();

  await db.schema
    .createTable('walk_participants')
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('walk_challenges.id').onDelete('cascade'))
    .addColumn('person_id', 'text', person)
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('joined_at', timestamp, (c) => c.notNull())
    .addColumn('consented_at', timestamp)
    .addPrimaryKeyConstraint('walk_participants_pk', ['challenge_id', 'person_id'])
    .execute();
  await db.schema.createIndex('walk_participants_person_idx').on('walk_participants').column('person_id').execute();

  await clustered(
    db.schema
      .createTable('walk_steps')
      .addColumn('person_id', 'text', person)
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('steps', 'integer', (c) => c.notNull().check(sql`steps >= 0`))
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('wechat', 'dingtalk')`))
      .addColumn('synced_at', timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('walk_steps_pk', ['person_id', 'day']),
  ).execute();

  // keyed by person first: a sync's rows are neighbours; the rank index serves the leaderboards
  await clustered(
    db.schema
      .createTable('walk_totals')
      .addColumn('challenge_id', 'text', (c) => c.notNull().references('walk_challenges.id').onDelete('cascade'))
      .addColumn('person_id', 'text', person)
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('team', 'text', (c) => c.notNull())
      .addColumn('counted', 'integer', (c) => c.notNull())
      .addColumn('likes', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('walk_totals_pk', ['challenge_id', 'person_id', 'period']),
  ).execute();
  await db.schema.createIndex('walk_totals_rank_idx').on('walk_totals').columns(['challenge_id', 'period', 'counted', 'person_id']).execute();
  // people.id cascades here
  await db.schema.createIndex('walk_totals_person_idx').on('walk_totals').column('person_id').execute();

  await db.schema
    .createTable('walk_teams')
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('walk_challenges.id').onDelete('cascade'))
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('members', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('walk_teams_pk', ['challenge_id', 'team'])
    .execute();

  await clustered(
    db.schema
      .createTable('walk_team_totals')
      .addColumn('challenge_id', 'text', (c) => c.notNull().references('walk_challenges.id').onDelete('cascade'))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('team', 'text', (c) => c.notNull())
      .addColumn('counted', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('walk_team_totals_pk', ['challenge_id', 'period', 'team']),
  ).execute();

  await db.schema
    .createTable('walk_likes')
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('walk_challenges.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('from_person', 'text', person)
    .addColumn('to_person', 'text', person)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('walk_likes_pk', ['challenge_id', 'day', 'from_person', 'to_person'])
    .execute();
  await db.schema.createIndex('walk_likes_to_idx').on('walk_likes').columns(['challenge_id', 'to_person']).execute();

  await db.schema
    .createTable('walk_rejections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', person)
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('steps', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('walk_rejections_at_idx').on('walk_rejections').column('at').execute();

  await db.schema
    .createTable('walk_reminders')
    .addColumn('challenge_id', 'text', (c) => c.notNull().references('walk_challenges.id').onDelete('cascade'))
    .addColumn('person_id', 'text', person)
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('delivered_at', timestamp)
    .addPrimaryKeyConstraint('walk_reminders_pk', ['challenge_id', 'person_id', 'day'])
    .execute();

  // one row per (job, day): of several server processes, the one whose insert lands runs the job
  await db.schema
    .createTable('walk_job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('started_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('walk_job_runs_pk', ['job', 'day'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'walk_job_runs',
    'walk_reminders',
    'walk_rejections',
    'walk_likes',
    'walk_team_totals',
    'walk_teams',
    'walk_totals',
    'walk_steps',
    'walk_participants',
    'walk_challenges',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
