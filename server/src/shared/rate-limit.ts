/**
 * Rate limits and failure back-off, kept in the `rate_limits` table so every server process
 * sees the same counters (an in-memory limiter would let an attacker multiply the limit by the
 * number of processes behind the load balancer). Each operation is one atomic upsert, so two
 * processes counting the same bucket at once never lose a hit.
 *
 * `RateLimiter` is the seam: a Redis implementation (INCR + EXPIRE for windows, a small Lua
 * script for the back-off) would plug in here without touching the callers.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { toDate } from '../db/schema';
import { AppError } from './errors';

export interface BackoffPolicy {
  /** failures counted within this window … */
  windowSeconds: number;
  /** … before the first block */
  threshold: number;
  /** first block; each further block doubles, up to maxBlockSeconds */
  blockSeconds: number;
  maxBlockSeconds: number;
}

export interface RateLimiter {
  /** counts one event in the bucket's window; 0 if within `limit`, else seconds until the window ends */
  consume(bucket: string, limit: number, windowSeconds: number): Promise<number>;
  /** seconds until the bucket's back-off block ends; 0 if not blocked */
  blockedFor(bucket: string): Promise<number>;
  /** records a failure; returns the seconds of the block it caused (0: none yet) */
  recordFailure(bucket: string, policy: BackoffPolicy): Promise<number>;
  /** a success: forget the bucket's failures and back-off level */
  reset(bucket: string): Promise<void>;
}

/** 429 with the message the client shows as is; routes copy `retryAfter` into a Retry-After header. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfter: number) {
    super(429, 'RATE_LIMITED', `操作过于频繁，请 ${retryAfter} 秒后再试`);
  }
}

/** throws RateLimitedError when `seconds` > 0 */
export function refuseIfLimited(seconds: number): void {
  if (seconds > 0) throw new RateLimitedError(seconds);
}

const secondsUntil = (until: Date, now: Date): number => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
const FAILURE_MEMORY_SECONDS = 24 * 3600;
const PRUNE_EVERY = 500;

export function createDbRateLimiter(db: Kysely<Database>, clock: () => Date = () => new Date()): RateLimiter {
  let calls = 0;
  const prune = async (now: Date) => {
    calls += 1;
    if (calls % PRUNE_EVERY !== 0) return;
    await db
      .deleteFrom('rate_limits')
      .where('expires_at', '<', now.toISOString())
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now.toISOString())]))
      .execute();
  };

  return {
    async consume(bucket, limit, windowSeconds) {
      const now = clock();
      const nowIso = now.toISOString();
      const cutoff = new Date(now.getTime() - windowSeconds * 1000).toISOString();
      const windowEnd = new Date(now.getTime() + windowSeconds * 1000).toISOString();
      const row = await db
        .insertInto('rate_limits')
        .values({ bucket, window_start: nowIso, count: 1, level: 0, blocked_until: null, expires_at: windowEnd })
        .onConflict((oc) =>
          oc.column('bucket').doUpdateSet({
            count: sql`case when rate_limits.window_start <= ${cutoff} then 1 else rate_limits.count + 1 end`,
            window_start: sql`case when rate_limits.window_start <= ${cutoff} then ${nowIso} else rate_limits.window_start end`,
            expires_at: sql`case when rate_limits.window_start <= ${cutoff} then ${windowEnd} else rate_limits.expires_at end`,
          }),
        )
        .returning(['count', 'window_start'])
        .executeTakeFirstOrThrow();
      await prune(now);
      if (Number(row.count) <= limit) return 0;
      return secondsUntil(new Date(toDate(row.window_start).getTime() + windowSeconds * 1000), now);
    },

    async blockedFor(bucket) {
      const now = clock();
      const row = await db.selectFrom('rate_limits').select('blocked_until').where('bucket', '=', bucket).executeTakeFirst();
      if (!row?.blocked_until) return 0;
      const until = toDate(row.blocked_until);
      return until > now ? secondsUntil(until, now) : 0;
    },

    async recordFailure(bucket, policy) {
      const now = clock();
      const nowIso = now.toISOString();
      const cutoff = new Date(now.getTime() - policy.windowSeconds * 1000).toISOString();
      const forget = new Date(now.getTime() + FAILURE_MEMORY_SECONDS * 1000).toISOString();
      // count the failure (a new window when the old one is over); the back-off level is kept
      // until a success or a day without failures
      const row = await db
        .insertInto('rate_limits')
        .values({ bucket, window_start: nowIso, count: 1, level: 0, blocked_until: null, expires_at: forget })
        .onConflict((oc) =>
          oc.column('bucket').doUpdateSet({
            count: sql`case when rate_limits.window_start <= ${cutoff} then 1 else rate_limits.count + 1 end`,
            window_start: sql`case when rate_limits.window_start <= ${cutoff} then ${nowIso} else rate_limits.window_start end`,
            level: sql`case when rate_limits.expires_at <= ${nowIso} then 0 else rate_limits.level end`,
            expires_at: forget,
          }),
        )
        .returning(['count', 'level'])
        .executeTakeFirstOrThrow();
      if (Number(row.count) < policy.threshold) return 0;
      const level = Number(row.level);
      const seconds = Math.min(policy.blockSeconds * 2 ** level, policy.maxBlockSeconds);
      await db
        .updateTable('rate_limits')
        .set({ blocked_until: new Date(now.getTime() + seconds * 1000).toISOString(), level: level + 1 })
        .where('bucket', '=', bucket)
        .execute();
      return seconds;
    },

    async reset(bucket) {
      await db.deleteFrom('rate_limits').where('bucket', '=', bucket).execute();
    },
  };
}
