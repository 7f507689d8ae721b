/**
 * Writing facts: multi-row upserts on the natural key that touch a row only when a value
 * differs, so re-importing the same export changes nothing, and the rows that did change name
 * the people whose portraits need recomputing (RETURNING, on both SQLite and PostgreSQL).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { factSpec, type FactRow, type FactType } from './facts';

type Db = Kysely<Database> | Transaction<Database>;

// SQLite allows 32766 bound parameters per statement, PostgreSQL 65535
const MAX_PARAMETERS = 30_000;

export interface UpsertResult {
  /** rows inserted or updated (an identical row is neither) */
  changed: number;
  /** the person numbers of the changed rows */
  people: Set<string>;
}

export async function upsertFacts(db: Db, type: FactType, rows: FactRow[]): Promise<UpsertResult> {
  const result: UpsertResult = { changed: 0, people: new Set() };
  if (rows.length === 0) return result;
  const spec = factSpec(type);
  const columns = Object.keys(spec.columns);
  const updatable = columns.filter((column) => !spec.key.includes(column as never));
  const personColumn = spec.person?.column ?? spec.key[0]!;
  const postgres = dialectOf(db) === 'postgres';
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += size) {
    const chunk = rows.slice(start, start + size).map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? null])));
    const differs = sql<boolean>`(${sql.join(
      updatable.map((column) =>
        postgres
          ? sql`${sql.ref(`${spec.table}.${column}`)} is distinct from excluded.${sql.ref(column)}`
          : sql`${sql.ref(`${spec.table}.${column}`)} is not excluded.${sql.ref(column)}`,
      ),
      sql` or `,
    )})`;
    const changed = await db
      .insertInto(spec.table)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are validated against the fact spec
      .values(chunk as any)
      .onConflict((conflict) => {
        const target = conflict.columns(spec.key as never);
        if (updatable.length === 0) return target.doNothing();
        return target
          .doUpdateSet(Object.fromEntries(updatable.map((column) => [column, sql.ref(`excluded.${column}`)])) as never)
          .where(differs);
      })
      .returning(sql.ref(personColumn).as('person'))
      .execute();
    result.changed += changed.length;
    for (const row of changed as { person: string }[]) result.people.add(String(row.person));
  }
  return result;
}

/**
 * Collects rows per fact type and upserts them in batches: the generator and the importer push
 * rows one at a time and never hold a whole export in memory.
 */
export class FactWriter {
  private readonly buffers = new Map<FactType, FactRow[]>();
  readonly changedPeople = { student: new Set<string>(), teacher: new Set<string>() };
  /** majors whose program requirements changed: all their students need recomputing */
  readonly changedMajors = new Set<string>();
  readonly counts = new Map<FactType, { rows: number; changed: number }>();
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly batchRows = 5_000,
  ) {}

  push(type: FactType, row: FactRow): void {
    const buffer = this.buffers.get(type) ?? [];
    buffer.push(row);
    this.buffers.set(type, buffer);
    if (buffer.length >= this.batchRows) {
      this.buffers.set(type, []);
      this.pending = this.pending.then(() => this.write(type, buffer));
    }
  }

  /** waits for the batches in flight; call it now and then so the queue does not grow */
  async drain(): Promise<void> {
    await this.pending;
  }

  async flush(): Promise<void> {
    for (const [type, buffer] of this.buffers) {
      if (buffer.length === 0) continue;
      this.buffers.set(type, []);
      this.pending = this.pending.then(() => this.write(type, buffer));
    }
    await this.pending;
  }

  private async write(type: FactType, rows: FactRow[]): Promise<void> {
    const { changed, people } = await upsertFacts(this.db, type, rows);
    const count = this.counts.get(type) ?? { rows: 0, changed: 0 };
    count.rows += rows.length;
    count.changed += changed;
    this.counts.set(type, count);
    const kind = factSpec(type).person?.kind;
    if (kind) for (const person of people) this.changedPeople[kind].add(person);
    else if (type === 'program_requirements') for (const major of people) this.changedMajors.add(major);
  }
}

export async function countFacts(db: Db, type: FactType): Promise<number> {
  const row = await db
    .selectFrom(factSpec(type).table)
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
