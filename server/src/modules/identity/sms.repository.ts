import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface SmsCodeRow {
  id: string;
  codeHash: string;
  attempts: number;
}

/** A new code for the number; any older unused one stops working. */
export async function replaceSmsCode(
  db: Kysely<Database>,
  code: { id: string; mobile: string; codeHash: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('sms_codes')
      .set({ consumed_at: code.createdAt.toISOString() })
      .where('mobile', '=', code.mobile)
      .where('consumed_at', 'is', null)
      .execute();
    await trx
      .insertInto('sms_codes')
      .values({
        id: code.id,
        mobile: code.mobile,
        code_hash: code.codeHash,
        created_at: code.createdAt.toISOString(),
        expires_at: code.expiresAt.toISOString(),
        attempts: 0,
        consumed_at: null,
      })
      .execute();
  });
}

export async function findLiveSmsCode(db: Db, mobile: string, now: Date): Promise<SmsCodeRow | undefined> {
  const row = await db
    .selectFrom('sms_codes')
    .select(['id', 'code_hash', 'attempts'])
    .where('mobile', '=', mobile)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { id: row.id, codeHash: row.code_hash, attempts: Number(row.attempts) };
}

/** Counts a wrong try; the try that reaches `maxAttempts` burns the code. Returns the attempts so far. */
export async function countWrongAttempt(db: Db, id: string, maxAttempts: number, now: Date): Promise<number> {
  const row = await db
    .updateTable('sms_codes')
    .set({
      attempts: sql`attempts + 1`,
      consumed_at: sql`case when attempts + 1 >= ${maxAttempts} then ${now.toISOString()} else consumed_at end`,
    })
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  return Number(row?.attempts ?? maxAttempts);
}

/** Uses the code up, if nobody did yet and it is not burned: true for exactly one caller. */
export async function consumeSmsCode(db: Db, id: string, maxAttempts: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sms_codes')
    .set({ consumed_at: now.toISOString() })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .where('attempts', '<', maxAttempts)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
