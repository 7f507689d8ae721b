/**
 * The daily reminder's hand-over point. `notifyParticipants` writes one row per person and day to
 * `walk_reminders` (a retry or a second process writes nothing twice). The messages module (its
 * outbox, then WeChat subscribe messages / DingTalk work notices / the inbox) is being built on
 * another branch: at merge it takes over here — deliver each undelivered row through the outbox
 * and set `delivered_at` — and callers do not change.
 */
import type { Db } from './walk.repository';

export interface WalkNotification {
  challengeId: string;
  personIds: string[];
  day: string;
  message: string;
  at: Date;
}

/** Returns how many reminders are new (not written for that person and day before). */
export async function notifyParticipants(db: Db, notification: WalkNotification): Promise<number> {
  let created = 0;
  const at = notification.at.toISOString();
  for (let start = 0; start < notification.personIds.length; start += 500) {
    const chunk = notification.personIds.slice(start, start + 500);
    const result = await db
      .insertInto('walk_reminders')
      .values(chunk.map((personId) => ({ challenge_id: notification.challengeId, person_id: personId, day: notification.day, message: notification.message, created_at: at })))
      .onConflict((oc) => oc.columns(['challenge_id', 'person_id', 'day']).doNothing())
      .executeTakeFirst();
    created += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return created;
}
