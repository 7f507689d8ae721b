import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, NO_MIGRATIONS, PostgresDialect, SqliteDialect, type MigrationResultSet } from 'kysely';
import { Pool } from 'pg';
import type { DatabaseConfig } from '../config';
import type { DialectName } from './dialect';
import { MIGRATIONS } from './migrations';
import type { Database } from './schema';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** PostgreSQL schema the migration bookkeeping lives in (undefined for SQLite) */
  schema?: string;
}

export function createDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.dialect === 'postgres') {
    const pool = new Pool({
      connectionString: config.url,
      max: 10,
      // a per-process schema lets test files share one PostgreSQL database without seeing each other
      ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
    });
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      dialect: 'postgres',
      schema: config.schema ?? 'public',
    };
  }

  if (config.path !== ':memory:') mkdirSync(path.dirname(config.path), { recursive: true });
  const sqlite = new BetterSqlite3(config.path);
  // WAL lets readers proceed while one writer commits; busy_timeout makes a second process wait
  // for the lock instead of failing at once; SQLite leaves foreign keys off unless asked.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), dialect: 'sqlite' };
}

function migrator(handle: DatabaseHandle): Migrator {
  return new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => MIGRATIONS },
    // Kysely looks for its bookkeeping table in every schema unless told which one is ours
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
}

function unwrap(result: MigrationResultSet, direction: string): string[] {
  if (result.error) {
    const failed = result.results?.find((migration) => migration.status === 'Error')?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`database migration ${direction} failed${failed ? ` at ${failed}` : ''}: ${reason}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).map((migration) => migration.migrationName);
}

/** Applies pending migrations; returns the names applied. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  return unwrap(await migrator(handle).migrateToLatest(), 'up');
}

/** Runs every down migration: an empty database again. */
export async function migrateToNothing(handle: DatabaseHandle): Promise<string[]> {
  return unwrap(await migrator(handle).migrateTo(NO_MIGRATIONS), 'down');
}
