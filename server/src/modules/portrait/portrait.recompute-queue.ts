import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Full recomputes asked for by rule edits run in the background, one at a time: an edit answers
 * as soon as its rule is stored (a full recompute of 40,000 students takes 20–40 s, far longer
 * than a request should), and several edits during one run are folded into a single next run
 * that sees all of them. A failed run is logged and the queue goes on. Across processes the
 * request is a row claimed with a lease (below), so exactly one process recomputes and a process
 * that dies mid-run only delays the work until another one's periodic check takes it over.
 */
export interface RecomputeQueue {
  /** Asks for a run that starts after this call; resolves when that run has finished. */
  request(): Promise<void>;
  /** Resolves once nothing is running or waiting (tests; shutdown). */
  idle(): Promise<void>;
}

export function createRecomputeQueue(run: () => Promise<unknown>, onError: (error: unknown) => void): RecomputeQueue {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;

  function start(): Promise<void> {
    const running: Promise<void> = run()
      .then(
        () => undefined,
        (error: unknown) => {
          onError(error);
        },
      )
      .finally(() => {
        if (current === running) current = null;
      });
    current = running;
    return running;
  }

  return {
    request() {
      if (!current) return start();
      // the run in progress may have read the rules before this edit: one more run after it
      next ??= current.then(() => {
        next = null;
        return start();
      });
      return next;
    },
    async idle() {
      while (next ?? current) await (next ?? current);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Across processes: the request is a row, the work is claimed with a lease.

type Db = Kysely<Database>;
const ROW = 'rules';

/** Inside the rule edit's transaction: one more full recompute is wanted. */
export async function requestRecompute(trx: Db): Promise<void> {
  await trx
    .insertInto('portrait_recompute')
    .values({ id: ROW, requested_version: 1, done_version: 0, lease_owner: null, lease_until: null })
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ requested_version: eb('portrait_recompute.requested_version', '+', 1) })))
    .execute();
}

/** A requested recompute has not finished yet (in any process). */
export async function recomputePending(db: Db): Promise<boolean> {
  const row = await db.selectFrom('portrait_recompute').select(['requested_version', 'done_version']).where('id', '=', ROW).executeTakeFirst();
  return row !== undefined && Number(row.requested_version) > Number(row.done_version);
}

export interface PendingRunOptions {
  owner: string;
  now?: () => Date;
  /** how long a claim holds before another process may take the work over */
  leaseMs?: number;
}

/**
 * Runs the requested recompute if there is one and nobody else holds it: claims the lease, runs,
 * records the version it covered, and goes again if edits came in meanwhile. 'busy': another
 * process holds a live lease. A failed run gives the lease back and throws.
 */
export async function runPendingRecompute(db: Db, run: () => Promise<unknown>, options: PendingRunOptions): Promise<'idle' | 'busy' | 'done'> {
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  let ran = false;
  for (;;) {
    const at = now();
    const claimed = await db
      .updateTable('portrait_recompute')
      .set({ lease_owner: options.owner, lease_until: new Date(at.getTime() + leaseMs).toISOString() })
      .where('id', '=', ROW)
      .whereRef('done_version', '<', 'requested_version')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at.toISOString()), eb('lease_owner', '=', options.owner)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return ran ? 'done' : (await recomputePending(db)) ? 'busy' : 'idle';
    const { requested_version: target } = await db.selectFrom('portrait_recompute').select('requested_version').where('id', '=', ROW).executeTakeFirstOrThrow();
    try {
      await run();
    } catch (error) {
      await db.updateTable('portrait_recompute').set({ lease_owner: null, lease_until: null }).where('id', '=', ROW).where('lease_owner', '=', options.owner).execute();
      throw error;
    }
    ran = true;
    await db
      .updateTable('portrait_recompute')
      .set({ done_version: Number(target), lease_owner: null, lease_until: null })
      .where('id', '=', ROW)
      .where('lease_owner', '=', options.owner)
      .execute();
  }
}
