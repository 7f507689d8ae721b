/**
 * Seeds the demo campus's data-center facts (mocks/datacenter) into a database that has people but
 * no facts yet, then computes every portrait. Kept light so a fresh `npm start` stays quick: 28
 * days of card and gate records and 6 weeks of attendance (the generator scales further for load
 * tests: see server/bench/portrait-bench.ts).
 */
import type { Kysely } from 'kysely';
import { generateCampus } from '../../../../mocks/campus/generate-campus';
import { generateFactsInSteps, type FactsOptions } from '../../../../mocks/datacenter/generate-facts';
import type { Database } from '../../db/schema';
import { recomputePortraits, type RecomputeReport } from '../portrait/portrait.recompute';
import { countFacts, FactWriter } from './datacenter.repository';

export interface DatacenterSeedReport {
  rows: number;
  milliseconds: { facts: number; portraits: number };
  portraits: RecomputeReport;
}

/** The data center's "today" for the demo: the start of the current UTC day. */
export function demoAsOf(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export async function seedFacts(
  db: Kysely<Database>,
  options: { students: number; seed?: number } & Partial<FactsOptions>,
): Promise<{ rows: number; writer: FactWriter }> {
  const campus = generateCampus({ students: options.students, seed: options.seed });
  const writer = new FactWriter(db);
  let rows = 0;
  const facts: FactsOptions = { asOf: options.asOf ?? demoAsOf(), dailyDays: options.dailyDays, attendanceWeeks: options.attendanceWeeks, onlyStudents: options.onlyStudents };
  let steps = 0;
  for (const step of generateFactsInSteps(campus, facts, (type, row) => {
    writer.push(type, row);
    rows += 1;
  })) {
    void step;
    // every 50 people: let the batches in flight land (bounded memory) and other requests run
    if ((steps += 1) % 50 === 0) {
      await writer.drain();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await writer.flush();
  return { rows, writer };
}

export async function seedDatacenterIfEmpty(db: Kysely<Database>, options: { students: number; seed?: number; asOf?: Date }): Promise<DatacenterSeedReport | undefined> {
  // the rules row is written last (by the recompute): facts without rules mean an interrupted
  // seed, and the upserts make running it again safe
  if ((await countFacts(db, 'grades')) > 0 && (await db.selectFrom('portrait_rules').select('key').limit(1).executeTakeFirst())) return undefined;
  if ((await db.selectFrom('people').select('id').where('kind', '=', 'student').limit(1).executeTakeFirst()) === undefined) return undefined;
  const started = performance.now();
  // batches commit one by one: a long write transaction would hold SQLite's lock against logins
  const { rows } = await seedFacts(db, options);
  const seeded = performance.now();
  const portraits = await recomputePortraits(db, { students: 'all', teachers: 'all' });
  return { rows, milliseconds: { facts: Math.round(seeded - started), portraits: Math.round(performance.now() - seeded) }, portraits };
}
