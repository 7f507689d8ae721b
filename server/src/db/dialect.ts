import { PostgresAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Kysely instance or transaction
type AnyKysely = Kysely<any>;

export type DialectName = 'sqlite' | 'postgres';

/** The few places that must differ between SQLite and PostgreSQL ask this, and nothing else. */
export function dialectOf(db: AnyKysely): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
