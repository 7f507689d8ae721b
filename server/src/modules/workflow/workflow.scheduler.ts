/**
 * Node timeouts. Each timer row is claimed with a conditional update (a lease naming this
 * process), and marked fired inside the same transaction as its effect, so with several server
 * processes polling, a timer fires exactly once; a process that dies holding a lease only delays
 * the timer until the lease runs out.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { MicroAppDefinition } from '../../../../types/microapp';
import { findNode, isTaskNode } from '../../../../src/lowcode/core';
import { AppError } from '../../shared/errors';
import { fireTimeout } from './workflow.engine';
import type { Db, RequestRow } from './workflow.repository';

export interface TimerRunOptions {
  now: Date;
  owner: string;
  leaseMs?: number;
  limit?: number;
  definitionOf: (request: Pick<RequestRow, 'appKey' | 'version'>) => Promise<MicroAppDefinition>;
  log?: FastifyBaseLogger;
}

export async function runDueTimers(db: Db, options: TimerRunOptions): Promise<{ fired: number; skipped: number }> {
  const { now, owner } = options;
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 60_000)).toISOString();
  const due = await db
    .selectFrom('workflow_timers')
    .select('id')
    .where('status', '=', 'pending')
    .where('fire_at', '<=', at)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .orderBy('fire_at')
    .limit(options.limit ?? 50)
    .execute();
  let fired = 0;
  let skipped = 0;
  for (const { id } of due) {
    const claimed = await db
      .updateTable('workflow_timers')
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const timer = await db.selectFrom('workflow_timers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const task = await db.selectFrom('workflow_tasks').selectAll().where('id', '=', timer.task_id).executeTakeFirst();
    const request = await db.selectFrom('workflow_requests').select(['app_key', 'version']).where('id', '=', timer.request_id).executeTakeFirst();
    const definition = request ? await options.definitionOf({ appKey: request.app_key, version: request.version }) : undefined;
    const node = definition && task ? findNode(definition, task.node_id) : undefined;
    const timeout = isTaskNode(node) ? node.timeouts?.[timer.timeout_index] : undefined;
    const cancel = () => db.updateTable('workflow_timers').set({ status: 'cancelled', lease_until: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
    if (!task || task.status !== 'open' || !timeout) {
      await cancel();
      skipped += 1;
      continue;
    }
    try {
      await fireTimeout(db, {
        task,
        timeout,
        now,
        definitionOf: options.definitionOf,
        within: async (trx) => {
          const mark = await trx
            .updateTable('workflow_timers')
            .set({ status: 'done', fired_at: at })
            .where('id', '=', id)
            .where('status', '=', 'pending')
            .where('lease_owner', '=', owner)
            .executeTakeFirst();
          if (Number(mark.numUpdatedRows) !== 1) throw new AppError(409, 'CONFLICT', 'timer taken over');
        },
      });
      fired += 1;
    } catch (error) {
      if (!(error instanceof AppError && error.status === 409)) {
        options.log?.error({ err: error, timer: id }, 'timer failed; it will be retried after its lease');
        continue;
      }
      // the task was closed meanwhile (or the lease passed to another process): nothing to fire
      await cancel();
      skipped += 1;
    }
  }
  return { fired, skipped };
}
