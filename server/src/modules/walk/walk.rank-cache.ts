/**
 * Per-process snapshot of one leaderboard (a challenge and a period): the top rows with names and
 * every participant's count sorted, so a rank is a binary search instead of counting thousands of
 * index entries on each read. A snapshot lives RANK_SNAPSHOT_TTL_MS; writes made by this process
 * drop the challenge's snapshots at once, writes by other processes show within the TTL. Built
 * from walk_totals (one row per participant), never from step rows; one build at a time per board.
 */
import type { Db } from './walk.repository';
import { teamBoard, topPeople } from './walk.repository';

export const RANK_SNAPSHOT_TTL_MS = 3000;
/** the top rows kept (the API shows up to 100) */
const TOP = 100;

export interface RankSnapshot {
  builtAt: number;
  /** counted, descending */
  counts: Int32Array;
  top: Awaited<ReturnType<typeof topPeople>>;
}

type TeamRows = Awaited<ReturnType<typeof teamBoard>>;
const snapshots = new Map<string, { builtAt: number; value: RankSnapshot | TeamRows }>();
const building = new Map<string, Promise<RankSnapshot | TeamRows>>();
/** bumped per challenge on every local write, so a build that started before the write is not kept */
const generations = new Map<string, number>();

const keyOf = (challengeId: string, period: string) => `${challengeId}\u0000${period}`;

export function invalidateRanks(challengeId: string): void {
  generations.set(challengeId, (generations.get(challengeId) ?? 0) + 1);
  for (const key of [...snapshots.keys(), ...building.keys()]) {
    if (key.startsWith(`${challengeId}\u0000`)) {
      snapshots.delete(key);
      building.delete(key);
    }
  }
}

/** the cached value for `key`, or one build shared by every caller asking meanwhile */
async function cached<T extends RankSnapshot | TeamRows>(challengeId: string, key: string, now: number, build: () => Promise<T>): Promise<T> {
  const hit = snapshots.get(key);
  if (hit && now - hit.builtAt < RANK_SNAPSHOT_TTL_MS) return hit.value as T;
  let pending = building.get(key) as Promise<T> | undefined;
  if (!pending) {
    const generation = generations.get(challengeId) ?? 0;
    const started: Promise<T> = build()
      .then((value) => {
        if ((generations.get(challengeId) ?? 0) === generation) {
          // yesterday's day boards and ended challenges' boards are not asked for again: drop what expired
          for (const [old, entry] of snapshots) if (now - entry.builtAt >= RANK_SNAPSHOT_TTL_MS) snapshots.delete(old);
          snapshots.set(key, { builtAt: now, value });
        }
        return value;
      })
      .finally(() => {
        if (building.get(key) === started) building.delete(key);
      });
    building.set(key, started);
    pending = started;
  }
  return pending;
}

export function rankSnapshot(db: Db, challengeId: string, period: string, now = Date.now()): Promise<RankSnapshot> {
  return cached(challengeId, keyOf(challengeId, `people:${period}`), now, async () => {
    const [rows, top] = await Promise.all([
      db
        .selectFrom('walk_totals')
        .select('counted')
        .where('challenge_id', '=', challengeId)
        .where('period', '=', period)
        .where('counted', '>', 0)
        .orderBy('counted', 'desc')
        .execute(),
      topPeople(db, challengeId, period, TOP),
    ]);
    return { builtAt: now, counts: Int32Array.from(rows, (row) => row.counted), top };
  });
}

/** the departments board's rows (a few dozen teams), cached like the people board */
export function teamSnapshot(db: Db, challengeId: string, period: string, now = Date.now()): Promise<TeamRows> {
  return cached(challengeId, keyOf(challengeId, `teams:${period}`), now, () => teamBoard(db, challengeId, period));
}

/** how many have more than `counted`, and the smallest count above it (the next place up) */
export function placeIn(snapshot: RankSnapshot, counted: number): { ahead: number; next: number | null } {
  const { counts } = snapshot;
  // counts is descending: find the first index whose value is <= counted
  let low = 0;
  let high = counts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (counts[middle]! > counted) low = middle + 1;
    else high = middle;
  }
  return { ahead: low, next: low > 0 ? counts[low - 1]! : null };
}
