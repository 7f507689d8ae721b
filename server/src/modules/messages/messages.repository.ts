/**
 * Inbox rows and their outbox pushes. `enqueueMessages` runs inside the caller's transaction
 * (a workflow transition), so the inbox message and the pushes commit with the state change or
 * not at all; the outbox worker sends them afterwards.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { toDate, type Database } from '../../db/schema';

type Db = Kysely<Database>;

export interface NewMessage {
  title: string;
  body: string;
  link?: string;
  requestId?: string;
}

/** Which push channel each binding provider feeds. */
const CHANNELS = { wechat: 'wechat', dingtalk: 'dingtalk' } as const;

/** One inbox row per person, plus an outbox row per push channel the person is bound on. */
export async function enqueueMessages(db: Db, personIds: readonly string[], message: NewMessage, now: Date): Promise<void> {
  const people = [...new Set(personIds)];
  if (people.length === 0) return;
  const at = now.toISOString();
  const rows = people.map((personId) => ({
    id: randomUUID(),
    person_id: personId,
    title: message.title,
    body: message.body,
    link: message.link ?? null,
    request_id: message.requestId ?? null,
    created_at: at,
    read_at: null,
  }));
  await db.insertInto('messages').values(rows).execute();
  const bindings = await db
    .selectFrom('identity_bindings')
    .select(['person_id', 'provider', 'subject'])
    .where('person_id', 'in', people)
    .where('provider', 'in', ['wechat', 'dingtalk'])
    .execute();
  if (bindings.length === 0) return;
  const messageIdOf = new Map(rows.map((row) => [row.person_id, row.id]));
  const payload = JSON.stringify({ title: message.title, body: message.body, link: message.link ?? null, at });
  const seen = new Set<string>();
  const outbox = bindings.flatMap((binding) => {
    const messageId = messageIdOf.get(binding.person_id)!;
    const channel = CHANNELS[binding.provider as keyof typeof CHANNELS];
    // one push per channel even when a person has two WeChat bindings
    if (seen.has(`${messageId}:${channel}`)) return [];
    seen.add(`${messageId}:${channel}`);
    return [
      {
        id: randomUUID(),
        message_id: messageId,
        channel,
        address: binding.subject,
        payload,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: at,
        lease_owner: null,
        lease_until: null,
        sent_at: null,
        last_error: null,
        created_at: at,
      },
    ];
  });
  if (outbox.length > 0) await db.insertInto('outbox').values(outbox).execute();
}

export interface MessageRow {
  id: string;
  title: string;
  body: string;
  link: string | null;
  requestId: string | null;
  read: boolean;
  createdAt: Date;
}

export async function listMessages(db: Db, personId: string, limit: number, before?: { at: string; id: string }): Promise<MessageRow[]> {
  let query = db
    .selectFrom('messages')
    .select(['id', 'title', 'body', 'link', 'request_id', 'read_at', 'created_at'])
    .where('person_id', '=', personId);
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', before.at), eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)])]),
    );
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    body: row.body,
    link: row.link,
    requestId: row.request_id,
    read: row.read_at !== null,
    createdAt: toDate(row.created_at),
  }));
}

export async function countUnread(db: Db, personId: string): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks the person's own message read; false when it is not theirs (or does not exist). */
export async function markRead(db: Db, personId: string, id: string, now: Date): Promise<boolean> {
  const exists = await db.selectFrom('messages').select('id').where('id', '=', id).where('person_id', '=', personId).executeTakeFirst();
  if (!exists) return false;
  await db.updateTable('messages').set({ read_at: now.toISOString() }).where('id', '=', id).where('read_at', 'is', null).execute();
  return true;
}

/** Marks every unread message of the person read; returns how many changed. */
export async function markAllRead(db: Db, personId: string, now: Date): Promise<number> {
  const result = await db.updateTable('messages').set({ read_at: now.toISOString() }).where('person_id', '=', personId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
