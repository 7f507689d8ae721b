/**
 * The daily reminder. `walk_reminders` holds one row per person and day, so a retry or a second
 * process reminds nobody twice; each new row goes to the person's inbox (and, through the
 * messages outbox, to WeChat / DingTalk) in the same transaction, so a reminder is either
 * recorded and queued, or neither.
 */
import { enqueueMessages } from '../messages/messages.repository';
import type { Db } from './walk.repository';

export interface WalkNotification {
  challengeId: string;
  personIds: string[];
  day: string;
  message: string;
  at: Date;
}

/** Where a reminder's tap leads: the challenge page of the walk subpackage. */
const challengeLink = (challengeId: string) => `/packages/walk/pages/challenge/index?id=${encodeURIComponent(challengeId)}`;

/** Returns how many reminders are new (not written for that person and day before). */
export async function notifyParticipants(db: Db, notification: WalkNotification): Promise<number> {
  let created = 0;
  const at = notification.at.toISOString();
  for (let start = 0; start < notification.personIds.length; start += 500) {
    const chunk = notification.personIds.slice(start, start + 500);
    created += await db.transaction().execute(async (trx) => {
      const fresh = await trx
        .insertInto('walk_reminders')
        .values(chunk.map((personId) => ({ challenge_id: notification.challengeId, person_id: personId, day: notification.day, message: notification.message, created_at: at, delivered_at: at })))
        .onConflict((oc) => oc.columns(['challenge_id', 'person_id', 'day']).doNothing())
        .returning('person_id')
        .execute();
      await enqueueMessages(
        trx,
        fresh.map((row) => row.person_id),
        { title: '健步走提醒', body: notification.message, link: challengeLink(notification.challengeId) },
        notification.at,
      );
      return fresh.length;
    });
  }
  return created;
}
