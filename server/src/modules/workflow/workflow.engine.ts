/**
 * The transitions. Each public function is ONE database transaction whose first statement bumps
 * the request's revision under a status condition: it locks the request row (PostgreSQL) or
 * holds the single writer (SQLite), so transitions on one request run one after another, and a
 * transition whose precondition no longer holds (a task already handled, a request already
 * withdrawn) updates nothing and answers 409. Task closes are conditional updates as well. The
 * request state, tasks, timers, timeline entry, inbox messages and outbox pushes commit together.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { AssigneeRule, FormValues, MicroAppDefinition, NodeTimeout } from '../../../../types/microapp';
import { advance, earlierTaskNodes, findNode, isTaskNode, renderTitle, ruleContext, startNode, type TaskNode } from '../../../../src/lowcode/core';
import { toDate, type Database } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { enqueueMessages } from '../messages/messages.repository';
import { findRequest, loadApplicant, type Applicant, type Db, type RequestRow, type TaskRow } from './workflow.repository';

type Trx = Transaction<Database>;

export const conflict = (message: string): AppError => new AppError(409, 'CONFLICT', message);
export const TASK_HANDLED = '该任务已被处理（可能已由其他人处理或重复提交），请刷新查看最新状态';

/** The page the runner shows a request on (messages link to it). */
export const requestLink = (requestId: string): string => `/packages/microapp/pages/detail/index?id=${requestId}`;

const mergedValues = (request: Pick<RequestRow, 'values' | 'nodeValues'>): FormValues =>
  Object.assign({}, ...Object.values(request.nodeValues), request.values) as FormValues;

export interface Actor {
  /** null: the system (a timeout) */
  id: string | null;
}

/** One transition in progress: the transaction, the clock and the request as it now stands. */
class Transition {
  private seq = 0;
  constructor(
    readonly trx: Trx,
    readonly now: Date,
    readonly definition: MicroAppDefinition,
    public request: RequestRow,
    readonly applicant: Applicant,
  ) {}

  get at(): string {
    return this.now.toISOString();
  }

  async init(): Promise<this> {
    const row = await this.trx
      .selectFrom('workflow_events')
      .select((eb) => eb.fn.max<number | null>('seq').as('seq'))
      .where('request_id', '=', this.request.id)
      .executeTakeFirst();
    this.seq = Number(row?.seq ?? 0);
    return this;
  }

  async event(
    action: string,
    actor: Actor,
    extra: { node?: { id: string; name: string }; comment?: string; detail?: Record<string, unknown> } = {},
  ): Promise<void> {
    this.seq += 1;
    await this.trx
      .insertInto('workflow_events')
      .values({
        id: randomUUID(),
        request_id: this.request.id,
        seq: this.seq,
        action,
        actor_id: actor.id,
        node_id: extra.node?.id ?? null,
        node_name: extra.node?.name ?? null,
        comment: extra.comment ?? null,
        detail: extra.detail && Object.keys(extra.detail).length > 0 ? JSON.stringify(extra.detail) : null,
        at: this.at,
      })
      .execute();
  }

  notify(people: readonly (string | null)[], title: string, body: string): Promise<void> {
    const to = people.filter((p): p is string => typeof p === 'string');
    return enqueueMessages(this.trx, to, { title, body, link: requestLink(this.request.id), requestId: this.request.id }, this.now);
  }

  /** People an assignee rule names for this request (active people only; may be empty). */
  async resolve(rule: AssigneeRule): Promise<string[]> {
    const trx = this.trx;
    const active = async (ids: (string | null | undefined)[]): Promise<string[]> => {
      const wanted = ids.filter((id): id is string => typeof id === 'string' && id !== '');
      if (wanted.length === 0) return [];
      const rows = await trx.selectFrom('people').select('id').where('id', 'in', wanted).where('status', '=', 'active').execute();
      return wanted.filter((id) => rows.some((row) => row.id === id));
    };
    switch (rule.kind) {
      case 'applicant':
        return [this.request.applicantId];
      case 'counselor': {
        if (!this.applicant.classId) return [];
        const row = await trx.selectFrom('classes').select('counselor_id').where('id', '=', this.applicant.classId).executeTakeFirst();
        return active([row?.counselor_id]);
      }
      case 'collegeLeader': {
        if (!this.applicant.collegeId) return [];
        const row = await trx.selectFrom('org_leaders').select('person_id').where('college_id', '=', this.applicant.collegeId).executeTakeFirst();
        return active([row?.person_id]);
      }
      case 'role': {
        const rows = await trx
          .selectFrom('person_roles')
          .innerJoin('people', 'people.id', 'person_roles.person_id')
          .select('people.id')
          .where('person_roles.role', '=', rule.role)
          .where('people.status', '=', 'active')
          .orderBy('people.number')
          .limit(50)
          .execute();
        return rows.map((row) => row.id);
      }
      case 'people': {
        const rows = await trx.selectFrom('people').select('id').where('number', 'in', rule.numbers).where('status', '=', 'active').execute();
        return rows.map((row) => row.id);
      }
      case 'field': {
        const value = mergedValues(this.request)[rule.field] as { id?: unknown } | undefined;
        return active([typeof value?.id === 'string' ? value.id : null]);
      }
    }
  }

  private async admins(): Promise<string[]> {
    return this.resolve({ kind: 'role', role: 'admin' });
  }

  async saveRequest(changes: Partial<Pick<RequestRow, 'status' | 'values' | 'nodeValues' | 'title'>> & { completedAt?: Date | null }): Promise<void> {
    this.request = { ...this.request, ...changes, ...(changes.completedAt !== undefined ? { completedAt: changes.completedAt } : {}) };
    await this.trx
      .updateTable('workflow_requests')
      .set({
        status: this.request.status,
        values: JSON.stringify(this.request.values),
        node_values: JSON.stringify(this.request.nodeValues),
        title: this.request.title,
        updated_at: this.at,
        completed_at: this.request.completedAt ? this.request.completedAt.toISOString() : null,
      })
      .where('id', '=', this.request.id)
      .execute();
  }

  /** Opens a task node: one task per assignee (the admins when the rule names nobody), with its timers. */
  async openNode(node: TaskNode): Promise<void> {
    let assignees = await this.resolve(node.assignee);
    if (assignees.length === 0) {
      assignees = await this.admins();
      await this.event('comment', { id: null }, { node, comment: '未找到符合规则的处理人，已转交管理员' });
    }
    for (const assignee of assignees) await this.createTask(node, assignee);
    await this.notify(assignees, `待办：${this.definition.name}`, `「${this.request.title}」等待您${node.name}`);
  }

  async createTask(node: TaskNode, assigneeId: string, copyTimersFrom?: string): Promise<string> {
    const id = randomUUID();
    const timeouts = node.timeouts ?? [];
    const sla = timeouts.find((t) => t.action !== 'remind');
    await this.trx
      .insertInto('workflow_tasks')
      .values({
        id,
        request_id: this.request.id,
        node_id: node.id,
        node_name: node.name,
        node_type: node.type,
        assignee_id: assigneeId,
        status: 'open',
        outcome: null,
        overdue: 0,
        created_at: this.at,
        due_at: sla ? new Date(this.now.getTime() + sla.hours * 3_600_000).toISOString() : null,
        completed_at: null,
      })
      .execute();
    if (copyTimersFrom) {
      // a transferred task keeps its deadlines
      await this.trx.updateTable('workflow_timers').set({ task_id: id }).where('task_id', '=', copyTimersFrom).where('status', '=', 'pending').execute();
      const old = await this.trx.selectFrom('workflow_tasks').select(['due_at', 'overdue']).where('id', '=', copyTimersFrom).executeTakeFirst();
      if (old) await this.trx.updateTable('workflow_tasks').set({ due_at: old.due_at ? toDate(old.due_at).toISOString() : null, overdue: old.overdue }).where('id', '=', id).execute();
    } else if (timeouts.length > 0) {
      await this.trx
        .insertInto('workflow_timers')
        .values(
          timeouts.map((timeout: NodeTimeout, index) => ({
            id: randomUUID(),
            task_id: id,
            request_id: this.request.id,
            timeout_index: index,
            fire_at: new Date(this.now.getTime() + timeout.hours * 3_600_000).toISOString(),
            status: 'pending' as const,
            lease_owner: null,
            lease_until: null,
            fired_at: null,
          })),
        )
        .execute();
    }
    return id;
  }

  /** Closes one open task; false when it was no longer open (somebody else got there first). */
  async closeTask(taskId: string, outcome: string): Promise<boolean> {
    const result = await this.trx
      .updateTable('workflow_tasks')
      .set({ status: 'done', outcome, completed_at: this.at })
      .where('id', '=', taskId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await this.trx.updateTable('workflow_timers').set({ status: 'cancelled' }).where('task_id', '=', taskId).where('status', '=', 'pending').execute();
    return true;
  }

  /** Cancels open tasks of the request (of one node, or all) and their timers; returns their assignees. */
  async cancelOpen(nodeId?: string): Promise<string[]> {
    let query = this.trx.selectFrom('workflow_tasks').select(['id', 'assignee_id']).where('request_id', '=', this.request.id).where('status', '=', 'open');
    if (nodeId) query = query.where('node_id', '=', nodeId);
    const open = await query.execute();
    if (open.length === 0) return [];
    const ids = open.map((t) => t.id);
    await this.trx.updateTable('workflow_tasks').set({ status: 'cancelled', completed_at: this.at }).where('id', 'in', ids).where('status', '=', 'open').execute();
    await this.trx.updateTable('workflow_timers').set({ status: 'cancelled' }).where('task_id', 'in', ids).where('status', '=', 'pending').execute();
    return open.map((t) => t.assignee_id);
  }

  /** Follows the flow from `nextId`: CC nodes on the way, then a task node is opened or the request completes. */
  async advanceTo(nextId: string): Promise<void> {
    const context = ruleContext(this.request.values, { applicant: this.applicant, request: mergedValues(this.request) });
    const { cc, stop } = advance(this.definition, nextId, context);
    for (const node of cc) {
      const people = (await this.resolve(node.assignee)).filter((p) => p !== this.request.applicantId);
      if (people.length === 0) continue;
      await this.trx
        .insertInto('workflow_cc')
        .values(people.map((person) => ({ request_id: this.request.id, person_id: person, node_id: node.id, created_at: this.at, read_at: null })))
        .onConflict((oc) => oc.doNothing())
        .execute();
      const names = await this.trx.selectFrom('people').select(['id', 'name']).where('id', 'in', people).execute();
      await this.event('cc', { id: null }, { node, detail: { targets: names } });
      await this.notify(people, `抄送：${this.definition.name}`, `「${this.request.title}」抄送给您`);
    }
    if (stop.type === 'end') {
      await this.saveRequest({ status: 'completed', completedAt: this.now });
      await this.event('complete', { id: null }, { node: stop });
      await this.notify([this.request.applicantId], `已办结：${this.definition.name}`, `您的「${this.request.title}」已办结`);
      return;
    }
    await this.openNode(stop);
  }
}

async function runTransition<T>(
  db: Db,
  now: Date,
  requestId: string,
  allowed: RequestRow['status'][],
  conflictMessage: string,
  definitionOf: (request: RequestRow) => Promise<MicroAppDefinition>,
  body: (t: Transition) => Promise<T>,
  within?: (trx: Trx) => Promise<void>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    // the lock: first statement, conditional on the request's status
    const locked = await trx
      .updateTable('workflow_requests')
      .set({ revision: sql`revision + 1`, updated_at: now.toISOString() })
      .where('id', '=', requestId)
      .where('status', 'in', allowed)
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) !== 1) throw conflict(conflictMessage);
    // e.g. the scheduler marking its timer fired: part of the same commit as the effect
    if (within) await within(trx);
    const request = (await findRequest(trx, requestId))!;
    const definition = await definitionOf(request);
    const applicant = (await loadApplicant(trx, request.applicantId))!;
    const transition = await new Transition(trx, now, definition, request, applicant).init();
    return body(transition);
  });
}

export interface SubmitInput {
  definition: MicroAppDefinition;
  version: number;
  applicant: Applicant;
  idempotencyKey: string;
  values: FormValues;
  now: Date;
}

/** Creates the request and runs it to its first task. A unique (applicant, key) makes a retried submit a no-op. */
export async function submitRequest(db: Db, input: SubmitInput): Promise<{ id: string; created: boolean }> {
  const { definition, applicant, now } = input;
  const id = randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      const request: RequestRow = {
        id,
        appKey: definition.key,
        version: input.version,
        applicantId: applicant.id,
        idempotencyKey: input.idempotencyKey,
        status: 'running',
        title: renderTitle(definition, input.values),
        values: input.values,
        nodeValues: {},
        revision: 1,
        lastUrgedAt: null,
        createdAt: now,
        updatedAt: now,
        completedAt: null,
      };
      await trx
        .insertInto('workflow_requests')
        .values({
          id,
          app_key: request.appKey,
          version: request.version,
          applicant_id: request.applicantId,
          idempotency_key: request.idempotencyKey,
          status: 'running',
          title: request.title,
          values: JSON.stringify(request.values),
          node_values: '{}',
          revision: 1,
          last_urged_at: null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
          completed_at: null,
        })
        .execute();
      const t = new Transition(trx, now, definition, request, applicant);
      const start = startNode(definition);
      await t.event('submit', { id: applicant.id }, { node: start });
      await t.advanceTo(start.next);
    });
  } catch (error) {
    const existing = await db
      .selectFrom('workflow_requests')
      .select('id')
      .where('applicant_id', '=', applicant.id)
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
    throw error;
  }
  return { id, created: true };
}

export interface TaskActionInput {
  task: TaskRow;
  actor: Actor;
  action: 'approve' | 'reject' | 'transfer' | 'comment';
  comment?: string;
  attachments?: unknown[];
  /** approve: the node form's validated values */
  values?: FormValues;
  toNodeId?: string;
  transferTo?: string;
  now: Date;
  definitionOf: (request: RequestRow) => Promise<MicroAppDefinition>;
  within?: (trx: Trx) => Promise<void>;
}

/**
 * Reject targets a node offers: 'applicant' and the earlier task nodes the definition allows
 * that this request actually went through (`visited`: node ids it has had tasks on).
 */
export function rejectTargets(definition: MicroAppDefinition, nodeId: string, visited: ReadonlySet<string>): { id: string; name: string }[] {
  const node = findNode(definition, nodeId);
  if (!isTaskNode(node)) return [];
  const allowed = node.rejectTo ?? ['applicant'];
  const earlier = new Map(earlierTaskNodes(definition, nodeId).map((n) => [n.id, n.name]));
  return allowed.flatMap((target) => {
    if (target === 'applicant') return [{ id: 'applicant', name: '退回申请人' }];
    const name = earlier.get(target);
    return name && visited.has(target) ? [{ id: target, name }] : [];
  });
}

async function visitedNodes(trx: Trx, requestId: string): Promise<Set<string>> {
  const rows = await trx.selectFrom('workflow_tasks').select('node_id').where('request_id', '=', requestId).distinct().execute();
  return new Set(rows.map((r) => r.node_id));
}

export async function actOnTask(db: Db, input: TaskActionInput): Promise<void> {
  const { task, actor, now } = input;
  await runTransition(db, now, task.request_id, ['running'], TASK_HANDLED, input.definitionOf, async (t) => {
    const node = findNode(t.definition, task.node_id);
    if (!isTaskNode(node)) throw conflict(TASK_HANDLED);
    const base = { node, ...(input.comment ? { comment: input.comment } : {}) };
    const attachments = input.attachments?.length ? { attachments: input.attachments } : {};

    if (input.action === 'comment') {
      const open = await t.trx.selectFrom('workflow_tasks').select('status').where('id', '=', task.id).executeTakeFirst();
      if (open?.status !== 'open') throw conflict(TASK_HANDLED);
      await t.event('comment', actor, { ...base, detail: attachments });
      await t.notify([t.request.applicantId].filter((p) => p !== actor.id), `新评论：${t.definition.name}`, `「${t.request.title}」有新的评论`);
      return;
    }

    if (input.action === 'transfer') {
      if (!input.transferTo || input.transferTo === task.assignee_id) throw new AppError(400, 'VALIDATION_FAILED', '请选择要转办的人', [{ field: '/transferTo', message: '请选择其他人' }]);
      if (node.noTransfer) throw new AppError(400, 'VALIDATION_FAILED', '此环节不能转办');
      const target = await t.trx.selectFrom('people').select(['id', 'name', 'status']).where('id', '=', input.transferTo).executeTakeFirst();
      if (!target || target.status !== 'active') throw new AppError(400, 'VALIDATION_FAILED', '转办对象不存在或已停用', [{ field: '/transferTo', message: '转办对象不存在或已停用' }]);
      if (!(await t.closeTask(task.id, 'transfer'))) throw conflict(TASK_HANDLED);
      await t.createTask(node, target.id, task.id);
      await t.event('transfer', actor, { ...base, detail: { targets: [{ id: target.id, name: target.name }], ...attachments } });
      await t.notify([target.id], `转办：${t.definition.name}`, `「${t.request.title}」已转给您${node.name}`);
      return;
    }

    if (input.action === 'reject') {
      const targets = rejectTargets(t.definition, node.id, await visitedNodes(t.trx, t.request.id));
      const to = input.toNodeId ?? targets[0]?.id ?? 'applicant';
      const target = targets.find((x) => x.id === to);
      if (!target) throw new AppError(400, 'VALIDATION_FAILED', '不能退回到该环节', [{ field: '/toNodeId', message: '不能退回到该环节' }]);
      if (!(await t.closeTask(task.id, 'reject'))) throw conflict(TASK_HANDLED);
      await t.cancelOpen();
      await t.event('reject', actor, { ...base, detail: { toNodeName: target.name, ...attachments } });
      if (to === 'applicant') {
        await t.saveRequest({ status: 'returned' });
        await t.notify([t.request.applicantId], `被退回：${t.definition.name}`, `「${t.request.title}」在${node.name}被退回，请修改后重新提交`);
      } else {
        const back = findNode(t.definition, to);
        if (!isTaskNode(back)) throw conflict(TASK_HANDLED);
        await t.openNode(back);
        await t.notify([t.request.applicantId], `退回重办：${t.definition.name}`, `「${t.request.title}」已退回到${back.name}`);
      }
      return;
    }

    // approve
    if (!(await t.closeTask(task.id, 'approve'))) throw conflict(TASK_HANDLED);
    if (input.values && Object.keys(input.values).length > 0) {
      const nodeValues = { ...t.request.nodeValues, [node.id]: { ...(t.request.nodeValues[node.id] ?? {}), ...input.values } };
      await t.saveRequest({ nodeValues });
    }
    await t.event(actor.id === null ? 'auto' : 'approve', actor, {
      ...base,
      detail: { ...(input.values && Object.keys(input.values).length > 0 ? { values: input.values } : {}), ...attachments },
    });
    if (node.mode === 'all') {
      const remaining = await t.trx
        .selectFrom('workflow_tasks')
        .select('id')
        .where('request_id', '=', t.request.id)
        .where('node_id', '=', node.id)
        .where('status', '=', 'open')
        .execute();
      if (remaining.length > 0) return;
    } else {
      await t.cancelOpen(node.id);
    }
    await t.notify([t.request.applicantId].filter((p) => p !== actor.id), `进度：${t.definition.name}`, `「${t.request.title}」已完成${node.name}`);
    await t.advanceTo(node.next);
  }, input.within);
}

export interface RequestActionInput {
  requestId: string;
  actor: Actor;
  action: 'withdraw' | 'urge' | 'resubmit' | 'comment';
  comment?: string;
  attachments?: unknown[];
  values?: FormValues;
  now: Date;
  definitionOf: (request: RequestRow) => Promise<MicroAppDefinition>;
}

export const URGE_INTERVAL_MS = 10 * 60_000;

export async function actOnRequest(db: Db, input: RequestActionInput): Promise<void> {
  const { actor, now } = input;
  const allowed: Record<RequestActionInput['action'], RequestRow['status'][]> = {
    withdraw: ['running', 'returned'],
    urge: ['running'],
    resubmit: ['returned'],
    comment: ['running', 'returned', 'completed', 'withdrawn'],
  };
  const messages: Record<RequestActionInput['action'], string> = {
    withdraw: '申请已结束或已撤回，不能再撤回',
    urge: '申请不在办理中，不能催办',
    resubmit: '申请不在退回状态，不能重新提交',
    comment: '申请不存在',
  };
  await runTransition(db, now, input.requestId, allowed[input.action], messages[input.action], input.definitionOf, async (t) => {
    const base = input.comment ? { comment: input.comment } : {};
    const attachments = input.attachments?.length ? { attachments: input.attachments } : {};
    switch (input.action) {
      case 'withdraw': {
        const assignees = await t.cancelOpen();
        await t.saveRequest({ status: 'withdrawn', completedAt: now });
        await t.event('withdraw', actor, base);
        await t.notify(assignees, `已撤回：${t.definition.name}`, `「${t.request.title}」已被申请人撤回`);
        return;
      }
      case 'urge': {
        const limit = new Date(now.getTime() - URGE_INTERVAL_MS).toISOString();
        const urged = await t.trx
          .updateTable('workflow_requests')
          .set({ last_urged_at: now.toISOString() })
          .where('id', '=', t.request.id)
          .where((eb) => eb.or([eb('last_urged_at', 'is', null), eb('last_urged_at', '<=', limit)]))
          .executeTakeFirst();
        if (Number(urged.numUpdatedRows) !== 1) throw new AppError(429, 'RATE_LIMITED', '已催办过，请 10 分钟后再试');
        const open = await t.trx.selectFrom('workflow_tasks').select('assignee_id').where('request_id', '=', t.request.id).where('status', '=', 'open').execute();
        await t.event('urge', actor, base);
        await t.notify(open.map((o) => o.assignee_id), `催办：${t.definition.name}`, `申请人催办「${t.request.title}」，请尽快处理`);
        return;
      }
      case 'resubmit': {
        const values = input.values ?? t.request.values;
        await t.saveRequest({ status: 'running', values, title: renderTitle(t.definition, values) });
        const start = startNode(t.definition);
        await t.event('resubmit', actor, { node: start, ...base });
        await t.advanceTo(start.next);
        return;
      }
      case 'comment': {
        await t.event('comment', actor, { ...base, detail: attachments });
        const open = await t.trx.selectFrom('workflow_tasks').select('assignee_id').where('request_id', '=', t.request.id).where('status', '=', 'open').execute();
        await t.notify([t.request.applicantId, ...open.map((o) => o.assignee_id)].filter((p) => p !== actor.id), `新评论：${t.definition.name}`, `「${t.request.title}」有新的评论`);
        return;
      }
    }
  });
}

/** What a fired timer does: remind / escalate / auto-complete a still-open task, in one transaction. */
export async function fireTimeout(
  db: Db,
  input: {
    task: TaskRow;
    timeout: NodeTimeout;
    now: Date;
    definitionOf: (request: RequestRow) => Promise<MicroAppDefinition>;
    within?: (trx: Trx) => Promise<void>;
  },
): Promise<void> {
  const { task, timeout, now } = input;
  if (timeout.action === 'autoComplete') {
    await actOnTask(db, {
      task,
      actor: { id: null },
      action: timeout.autoAction === 'reject' ? 'reject' : 'approve',
      comment: timeout.comment ?? '超时，系统自动处理',
      now,
      definitionOf: input.definitionOf,
      ...(input.within ? { within: input.within } : {}),
    });
    return;
  }
  await runTransition(db, now, task.request_id, ['running'], TASK_HANDLED, input.definitionOf, async (t) => {
    const open = await t.trx.selectFrom('workflow_tasks').select('status').where('id', '=', task.id).executeTakeFirst();
    if (open?.status !== 'open') throw conflict(TASK_HANDLED);
    const node = { id: task.node_id, name: task.node_name };
    if (timeout.action === 'remind') {
      await t.event('remind', { id: null }, { node, ...(timeout.comment ? { comment: timeout.comment } : {}) });
      await t.notify([task.assignee_id], `提醒：${t.definition.name}`, `「${t.request.title}」等待您${task.node_name}，请尽快处理`);
      return;
    }
    await t.trx.updateTable('workflow_tasks').set({ overdue: 1 }).where('id', '=', task.id).execute();
    const to = timeout.to ? await t.resolve(timeout.to) : [];
    await t.event('escalate', { id: null }, { node, comment: timeout.comment ?? `${task.node_name}已超时` });
    await t.notify(to, `超时：${t.definition.name}`, `「${t.request.title}」${task.node_name}已超时，请跟进`);
  }, input.within);
}
