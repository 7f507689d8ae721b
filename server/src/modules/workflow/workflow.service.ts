/**
 * Workflow reads and actions as the caller may see and take them. Access first: a request is
 * visible to its applicant, to everyone who holds or held a task on it, and to the people it was
 * copied to — nobody else (not even an admin, who reads aggregates through the stats endpoint).
 */
import type { FastifyBaseLogger } from 'fastify';
import type {
  BatchTaskActionBody,
  BatchTaskActionResponse,
  FileValue,
  FormValues,
  MicroAppDefinition,
  RequestActionBody,
  RequestAction,
  RequestDetail,
  Task,
  TaskAction,
  TaskActionBody,
  TaskBoxCounts,
  TaskBoxItem,
  TaskBoxPage,
  TaskBoxQuery,
  TicketQuery,
  TimelineEntry,
  DataField,
} from '../../../../types/microapp';
import { fieldMap, findNode, isTaskNode, startNode, validateForm } from '../../../../src/lowcode/core';
import { requireAuth, type AuthContext } from '../../shared/access';
import { toDate } from '../../db/schema';
import { AppError, forbidden } from '../../shared/errors';
import { signFiles, signValues, type FileSigner } from './file-urls';
import { resolveReferences } from './references';
import { actOnRequest, actOnTask, rejectTargets } from './workflow.engine';
import {
  countOpenTasks,
  findRequest,
  findTask,
  loadApplicant,
  latestPublished,
  loadVersion,
  namesOf,
  participation,
  publicApplicant,
  tasksOf,
  type Db,
  type RequestRow,
  type TaskRow,
} from './workflow.repository';

export interface WorkflowDeps {
  db: Db;
  signer: FileSigner;
  now?: () => Date;
  log?: FastifyBaseLogger;
}

/** How many of an app's newest requests the ticket list filters in memory (by stats group). */
const TICKET_SCAN = 500;

/** The group a value falls in for stats and ticket filters: a location's building, a select's first level. */
export function groupLabel(field: DataField | undefined, value: unknown): string {
  if (field?.type === 'location' && value && typeof value === 'object') return String((value as { buildingName?: string }).buildingName ?? '');
  if (typeof value === 'string') return value.split('/')[0];
  return '';
}

export const validationFailed = (fields: { field: string; message: string }[]): AppError =>
  new AppError(400, 'VALIDATION_FAILED', fields.length === 1 ? fields[0].message : `有 ${fields.length} 项填写不正确`, fields);

export function createWorkflowService(deps: WorkflowDeps) {
  const { db, signer } = deps;
  const now = deps.now ?? (() => new Date());

  const definitionOf = async (request: Pick<RequestRow, 'appKey' | 'version'>): Promise<MicroAppDefinition> => {
    const definition = await loadVersion(db, request.appKey, request.version);
    if (!definition) throw new Error(`definition ${request.appKey}@${request.version} is missing`);
    return definition;
  };

  async function requireRequestAccess(auth: AuthContext, requestId: string): Promise<{ request: RequestRow; applicant: boolean }> {
    const request = await findRequest(db, requestId);
    // the same 403 whether or not it exists: ids do not reveal other people's requests
    if (!request) throw forbidden('没有权限查看此申请');
    const part = await participation(db, request, auth.personId);
    if (!part.applicant && !part.assignee && !part.cc) throw forbidden('没有权限查看此申请');
    return { request, applicant: part.applicant };
  }

  function toTask(row: TaskRow, names: Map<string, string>, at: Date): Task {
    const due = row.due_at ? toDate(row.due_at) : undefined;
    return {
      id: row.id,
      requestId: row.request_id,
      nodeId: row.node_id,
      nodeName: row.node_name,
      nodeType: row.node_type,
      assignee: { id: row.assignee_id, name: names.get(row.assignee_id) ?? '' },
      status: row.status,
      ...(row.outcome ? { outcome: row.outcome } : {}),
      createdAt: toDate(row.created_at).toISOString(),
      ...(due ? { dueAt: due.toISOString() } : {}),
      overdue: row.overdue === 1 || (row.status === 'open' && due !== undefined && due < at),
      ...(row.completed_at ? { completedAt: toDate(row.completed_at).toISOString() } : {}),
    };
  }

  async function detail(auth: AuthContext | null, requestId: string): Promise<RequestDetail> {
    requireAuth(auth);
    const { request, applicant: isApplicant } = await requireRequestAccess(auth, requestId);
    const at = now();
    const definition = await definitionOf(request);
    const [tasks, events, ccRows] = await Promise.all([
      tasksOf(db, request.id),
      db.selectFrom('workflow_events').selectAll().where('request_id', '=', request.id).orderBy('seq').execute(),
      db.selectFrom('workflow_cc').select('person_id').where('request_id', '=', request.id).where('person_id', '=', auth.personId).execute(),
    ]);
    if (ccRows.length > 0) {
      await db.updateTable('workflow_cc').set({ read_at: at.toISOString() }).where('request_id', '=', request.id).where('person_id', '=', auth.personId).where('read_at', 'is', null).execute();
    }
    const names = await namesOf(db, [request.applicantId, ...tasks.map((t) => t.assignee_id), ...events.map((e) => e.actor_id ?? '')]);
    const open = tasks.filter((t) => t.status === 'open');
    const currentNodes = [...new Map(open.map((t) => [t.node_id, t])).values()].map((t) => ({
      id: t.node_id,
      name: t.node_name,
      type: t.node_type,
      assignees: open.filter((o) => o.node_id === t.node_id).map((o) => ({ id: o.assignee_id, name: names.get(o.assignee_id) ?? '' })),
    }));
    const timeline: TimelineEntry[] = events.map((e) => {
      const extra = e.detail ? (JSON.parse(e.detail) as { targets?: { id: string; name: string }[]; toNodeName?: string; attachments?: FileValue[]; values?: FormValues }) : {};
      return {
        id: e.id,
        action: e.action as TimelineEntry['action'],
        ...(e.actor_id ? { actor: { id: e.actor_id, name: names.get(e.actor_id) ?? '' } } : {}),
        ...(e.node_id ? { nodeId: e.node_id } : {}),
        ...(e.node_name ? { nodeName: e.node_name } : {}),
        ...(e.comment ? { comment: e.comment } : {}),
        ...(extra.targets ? { targets: extra.targets } : {}),
        ...(extra.toNodeName ? { toNodeName: extra.toNodeName } : {}),
        ...(extra.attachments ? { attachments: signFiles(extra.attachments, signer, at) } : {}),
        ...(extra.values ? { values: signValues(definition, extra.values, signer, at) } : {}),
        at: toDate(e.at).toISOString(),
      };
    });
    const visited = new Set(tasks.map((t) => t.node_id));
    const myTasks = open
      .filter((t) => t.assignee_id === auth.personId)
      .map((t) => {
        const node = findNode(definition, t.node_id);
        const actions: TaskAction[] = ['approve', 'reject', 'comment'];
        if (isTaskNode(node) && !node.noTransfer) actions.splice(2, 0, 'transfer');
        return {
          task: toTask(t, names, at),
          actions,
          ...(isTaskNode(node) && node.form ? { form: node.form } : {}),
          rejectTo: rejectTargets(definition, t.node_id, visited),
        };
      });
    const actions: RequestAction[] = ['comment'];
    if (isApplicant && (request.status === 'running' || request.status === 'returned')) actions.unshift('withdraw');
    if (isApplicant && request.status === 'running') actions.unshift('urge');
    if (isApplicant && request.status === 'returned') actions.unshift('resubmit');
    const nodeValues: Record<string, FormValues> = {};
    for (const [nodeId, values] of Object.entries(request.nodeValues)) nodeValues[nodeId] = signValues(definition, values, signer, at);
    return {
      id: request.id,
      appKey: request.appKey,
      appName: definition.name,
      version: request.version,
      title: request.title,
      status: request.status,
      applicant: { id: request.applicantId, name: names.get(request.applicantId) ?? '' },
      values: signValues(definition, request.values, signer, at),
      nodeValues,
      currentNodes,
      timeline,
      myTasks,
      actions,
      definition,
      createdAt: request.createdAt.toISOString(),
      updatedAt: request.updatedAt.toISOString(),
      ...(request.completedAt ? { completedAt: request.completedAt.toISOString() } : {}),
    };
  }

  async function validateStepValues(
    definition: MicroAppDefinition,
    formKey: string,
    request: RequestRow,
    values: FormValues,
    actorId: string,
  ): Promise<FormValues> {
    const applicant = await loadApplicant(db, request.applicantId);
    const merged = Object.assign({}, ...Object.values(request.nodeValues), request.values) as FormValues;
    const checked = validateForm(definition, formKey, values, { ...(applicant ? { applicant: publicApplicant(applicant) } : {}), request: merged });
    if (checked.errors.length > 0) throw validationFailed(checked.errors);
    const resolved = await resolveReferences(db, fieldMap(definition), checked.values, actorId);
    if (resolved.errors.length > 0) throw validationFailed(resolved.errors);
    return resolved.values;
  }

  async function taskAction(auth: AuthContext | null, taskId: string, body: TaskActionBody): Promise<RequestDetail> {
    requireAuth(auth);
    const task = await findTask(db, taskId);
    if (!task || task.assignee_id !== auth.personId) throw forbidden('这不是您的待办');
    if (task.status !== 'open') throw new AppError(409, 'CONFLICT', '该任务已被处理（可能已由其他人处理或重复提交），请刷新查看最新状态');
    const request = (await findRequest(db, task.request_id))!;
    const definition = await definitionOf(request);
    const node = findNode(definition, task.node_id);
    let values: FormValues | undefined;
    if (body.action === 'approve' && isTaskNode(node) && node.form) {
      values = await validateStepValues(definition, node.form, request, body.values ?? {}, auth.personId);
    }
    if (body.action === 'reject' && !body.comment?.trim()) {
      throw validationFailed([{ field: '/comment', message: '请填写退回原因' }]);
    }
    await actOnTask(db, {
      task,
      action: body.action,
      ...(await actionCommon(auth, body, values)),
      ...(body.toNodeId ? { toNodeId: body.toNodeId } : {}),
      ...(body.transferTo ? { transferTo: body.transferTo } : {}),
    });
    return detail(auth, task.request_id);
  }

  /** What every action carries: the actor, the trimmed comment, checked attachments, step values, the clock. */
  async function actionCommon(auth: AuthContext, body: { comment?: string; attachments?: { id: string }[] }, values: FormValues | undefined) {
    const attachments = await attachmentsOf(auth, body.attachments);
    return {
      actor: { id: auth.personId },
      ...(body.comment ? { comment: body.comment.trim() } : {}),
      ...(attachments.length ? { attachments } : {}),
      ...(values ? { values } : {}),
      now: now(),
      definitionOf,
    };
  }

  async function attachmentsOf(auth: AuthContext, attachments: { id: string }[] | undefined): Promise<FileValue[]> {
    if (!attachments?.length) return [];
    const resolved = await resolveReferences(
      db,
      new Map([['attachments', { key: 'attachments', type: 'file' as const, label: '附件' }]]),
      { attachments },
      auth.personId,
    );
    if (resolved.errors.length > 0) throw validationFailed(resolved.errors.map((e) => ({ ...e, field: '/attachments' })));
    return resolved.values.attachments as FileValue[];
  }

  async function requestAction(auth: AuthContext | null, requestId: string, body: RequestActionBody): Promise<RequestDetail> {
    requireAuth(auth);
    const { request, applicant } = await requireRequestAccess(auth, requestId);
    if (body.action !== 'comment' && !applicant) throw forbidden('只有申请人可以执行此操作');
    if (body.action === 'comment' && !body.comment?.trim()) throw validationFailed([{ field: '/comment', message: '评论内容不能为空' }]);
    let values: FormValues | undefined;
    if (body.action === 'resubmit') {
      const definition = await definitionOf(request);
      values = await validateStepValues(definition, startNode(definition).form, { ...request, nodeValues: {} }, body.values ?? request.values, auth.personId);
    }
    await actOnRequest(db, { requestId, action: body.action, ...(await actionCommon(auth, body, values)) });
    return detail(auth, requestId);
  }

  async function batch(auth: AuthContext | null, body: BatchTaskActionBody): Promise<BatchTaskActionResponse> {
    requireAuth(auth);
    const results: BatchTaskActionResponse['results'] = [];
    for (const taskId of [...new Set(body.taskIds)]) {
      try {
        await taskAction(auth, taskId, { action: 'approve', ...(body.comment ? { comment: body.comment } : {}) });
        results.push({ taskId, ok: true });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.push({ taskId, ok: false, code: error.code, message: error.message });
      }
    }
    return { results };
  }

  const PAGE = 20;
  const decodeCursor = (cursor: string | undefined): { at: string; id: string } | undefined => {
    if (!cursor) return undefined;
    const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id || Number.isNaN(Date.parse(at))) throw new AppError(400, 'VALIDATION_FAILED', '分页参数无效', [{ field: '/cursor', message: '分页参数无效' }]);
    return { at, id };
  };
  const encodeCursor = (at: string, id: string): string => Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');

  async function box(auth: AuthContext | null, query: TaskBoxQuery): Promise<TaskBoxPage> {
    requireAuth(auth);
    const limit = query.limit ?? PAGE;
    const cursor = decodeCursor(query.cursor);
    const at = now();
    // each box: (sort time, request id, task?) rows, newest first, keyset-paginated on (time, id)
    let rows: { sortAt: string; key: string; requestId: string; task?: TaskRow }[];
    if (query.box === 'todo' || query.box === 'done') {
      let q = db
        .selectFrom('workflow_tasks')
        .innerJoin('workflow_requests', 'workflow_requests.id', 'workflow_tasks.request_id')
        .selectAll('workflow_tasks')
        .where('workflow_tasks.assignee_id', '=', auth.personId);
      q = query.box === 'todo' ? q.where('workflow_tasks.status', '=', 'open') : q.where('workflow_tasks.status', '=', 'done');
      if (query.appKey) q = q.where('workflow_requests.app_key', '=', query.appKey);
      const timeColumn = query.box === 'todo' ? 'workflow_tasks.created_at' : 'workflow_tasks.completed_at';
      if (cursor) q = q.where((eb) => eb.or([eb(timeColumn, '<', cursor.at), eb.and([eb(timeColumn, '=', cursor.at), eb('workflow_tasks.id', '<', cursor.id)])]));
      const tasks = await q.orderBy(timeColumn, 'desc').orderBy('workflow_tasks.id', 'desc').limit(limit + 1).execute();
      rows = tasks.map((t) => ({ sortAt: toDate((query.box === 'todo' ? t.created_at : t.completed_at) ?? t.created_at).toISOString(), key: t.id, requestId: t.request_id, task: t }));
    } else if (query.box === 'mine') {
      let q = db.selectFrom('workflow_requests').select(['id', 'updated_at']).where('applicant_id', '=', auth.personId);
      if (query.appKey) q = q.where('app_key', '=', query.appKey);
      if (cursor) q = q.where((eb) => eb.or([eb('updated_at', '<', cursor.at), eb.and([eb('updated_at', '=', cursor.at), eb('id', '<', cursor.id)])]));
      const requests = await q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      rows = requests.map((r) => ({ sortAt: toDate(r.updated_at).toISOString(), key: r.id, requestId: r.id }));
    } else {
      let q = db
        .selectFrom('workflow_cc')
        .innerJoin('workflow_requests', 'workflow_requests.id', 'workflow_cc.request_id')
        .select(['workflow_cc.request_id', 'workflow_cc.created_at', 'workflow_cc.node_id'])
        .where('workflow_cc.person_id', '=', auth.personId);
      if (query.appKey) q = q.where('workflow_requests.app_key', '=', query.appKey);
      if (cursor) q = q.where((eb) => eb.or([eb('workflow_cc.created_at', '<', cursor.at), eb.and([eb('workflow_cc.created_at', '=', cursor.at), eb('workflow_cc.request_id', '<', cursor.id)])]));
      const cc = await q.orderBy('workflow_cc.created_at', 'desc').orderBy('workflow_cc.request_id', 'desc').limit(limit + 1).execute();
      rows = cc.map((c) => ({ sortAt: toDate(c.created_at).toISOString(), key: c.request_id, requestId: c.request_id }));
    }
    const page = rows.slice(0, limit);
    const items = await toItems(page, at);
    const last = page[page.length - 1];
    return { items, ...(rows.length > limit && last ? { nextCursor: encodeCursor(last.sortAt, last.key) } : {}) };
  }

  /** List items for requests (with the caller's task, when the box has one), in the given order. */
  async function toItems(page: { requestId: string; task?: TaskRow }[], at: Date): Promise<TaskBoxItem[]> {
    const requestIds = [...new Set(page.map((r) => r.requestId))];
    const requests = requestIds.length ? await db.selectFrom('workflow_requests').selectAll().where('id', 'in', requestIds).execute() : [];
    const openTasks = requestIds.length
      ? await db.selectFrom('workflow_tasks').select(['request_id', 'node_name', 'overdue', 'due_at']).where('request_id', 'in', requestIds).where('status', '=', 'open').execute()
      : [];
    const names = await namesOf(db, [...requests.map((r) => r.applicant_id), ...page.flatMap((r) => (r.task ? [r.task.assignee_id] : []))]);
    const byId = new Map(requests.map((r) => [r.id, r]));
    const appNames = new Map<string, string>();
    for (const r of requests) {
      const key = `${r.app_key}@${r.version}`;
      if (!appNames.has(key)) appNames.set(key, (await loadVersion(db, r.app_key, r.version))?.name ?? r.app_key);
    }
    return page.map((row) => {
      const r = byId.get(row.requestId)!;
      const open = openTasks.filter((t) => t.request_id === r.id);
      return {
        requestId: r.id,
        appKey: r.app_key,
        appName: appNames.get(`${r.app_key}@${r.version}`) ?? r.app_key,
        title: r.title,
        status: r.status,
        applicant: { id: r.applicant_id, name: names.get(r.applicant_id) ?? '' },
        currentNodeNames: [...new Set(open.map((t) => t.node_name))],
        overdue: open.some((t) => t.overdue === 1 || (t.due_at !== null && toDate(t.due_at) < at)),
        ...(row.task ? { task: toTask(row.task, names, at) } : {}),
        createdAt: toDate(r.created_at).toISOString(),
        updatedAt: toDate(r.updated_at).toISOString(),
      };
    });
  }

  /**
   * One app's requests the caller takes part in (holds or held a task on, or was copied on),
   * newest first, filtered by state and by a stats group (`field` + `value`, as /stats reports
   * them): the dispatcher's ticket list — dispatchers hold a task on every 报修.
   */
  async function tickets(auth: AuthContext | null, key: string, query: TicketQuery): Promise<TaskBoxPage> {
    requireAuth(auth);
    const at = now();
    let q = db
      .selectFrom('workflow_requests')
      .select(['id', 'values'])
      .where('app_key', '=', key)
      .where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom('workflow_tasks').select('id').whereRef('workflow_tasks.request_id', '=', 'workflow_requests.id').where('workflow_tasks.assignee_id', '=', auth.personId)),
          eb.exists(eb.selectFrom('workflow_cc').select('node_id').whereRef('workflow_cc.request_id', '=', 'workflow_requests.id').where('workflow_cc.person_id', '=', auth.personId)),
        ]),
      );
    if (query.status === 'completed') q = q.where('status', '=', 'completed');
    else if (query.status) q = q.where('status', '=', 'running');
    if (query.status === 'overdue') {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('workflow_tasks')
            .select('id')
            .whereRef('workflow_tasks.request_id', '=', 'workflow_requests.id')
            .where('workflow_tasks.status', '=', 'open')
            .where((w) => w.or([w('workflow_tasks.overdue', '=', 1), w('workflow_tasks.due_at', '<', at.toISOString())])),
        ),
      );
    }
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(TICKET_SCAN).execute();
    const group = query.field && query.value ? { key: query.field, value: query.value } : undefined;
    const head = group ? await latestPublished(db, key) : undefined;
    const definition = head ? await loadVersion(db, key, head.version) : undefined;
    const field = group && definition ? fieldMap(definition).get(group.key) : undefined;
    const matching = rows.filter((row) => !group || groupLabel(field, (JSON.parse(row.values) as FormValues)[group.key]) === group.value);
    return { items: await toItems(matching.slice(0, query.limit ?? 50).map((row) => ({ requestId: row.id })), at) };
  }

  async function counts(auth: AuthContext | null): Promise<TaskBoxCounts> {
    requireAuth(auth);
    const count = async (q: { executeTakeFirst(): Promise<{ n: number | string } | undefined> }): Promise<number> => Number((await q.executeTakeFirst())?.n ?? 0);
    const [todo, done, mine, mineOpen, cc, ccUnread] = await Promise.all([
      countOpenTasks(db, auth.personId),
      count(db.selectFrom('workflow_tasks').select((eb) => eb.fn.countAll<number | string>().as('n')).where('assignee_id', '=', auth.personId).where('status', '=', 'done')),
      count(db.selectFrom('workflow_requests').select((eb) => eb.fn.countAll<number | string>().as('n')).where('applicant_id', '=', auth.personId)),
      count(db.selectFrom('workflow_requests').select((eb) => eb.fn.countAll<number | string>().as('n')).where('applicant_id', '=', auth.personId).where('status', 'in', ['running', 'returned'])),
      count(db.selectFrom('workflow_cc').select((eb) => eb.fn.countAll<number | string>().as('n')).where('person_id', '=', auth.personId)),
      count(db.selectFrom('workflow_cc').select((eb) => eb.fn.countAll<number | string>().as('n')).where('person_id', '=', auth.personId).where('read_at', 'is', null)),
    ]);
    return { todo, done, mine, mineOpen, cc, ccUnread };
  }

  return { detail, taskAction, requestAction, batch, box, tickets, counts, definitionOf, validationFailed };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
