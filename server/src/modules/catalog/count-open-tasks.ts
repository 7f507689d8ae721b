import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * How many workflow tasks wait for this person (the 待办 tab badge). Zero until the workflow
 * engine lands: its module supplies the real count (open tasks assigned to the person) and the
 * merge replaces this body with a call into it. The badge endpoint and client are real already.
 */
export async function countOpenTasks(_db: Kysely<Database>, _personId: string): Promise<number> {
  return 0;
}
