import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Unread inbox messages for this person. Zero until the messages module (to-dos, results,
 * notices pushed to the inbox) lands; it supplies the count and the merge wires it in here.
 */
export async function countUnreadMessages(_db: Kysely<Database>, _personId: string): Promise<number> {
  return 0;
}
