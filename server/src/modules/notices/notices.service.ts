/**
 * Notices: announcements with a publish window (startsAt ≤ now < endsAt) and an audience of
 * roles. Admins create, edit and take them down (audited); everyone reads the ones meant for them.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AdminNotice, NoticeCreate, NoticeList, NoticePatch, NoticeSummary } from '../../../../types/catalog';
import type { Database } from '../../db/schema';
import { requireAuth, requireRole, type AuthContext } from '../../shared/access';
import { AppError, notFound } from '../../shared/errors';
import { insertAudit } from '../identity/identity.repository';
import { deleteNotice, findNotice, insertNotice, listActiveNotices, listNotices, updateNotice } from './notices.repository';

/** the banner shows a few; more than this is a backlog, not news */
export const NOTICE_LIMIT = 5;

const windowError = (): AppError =>
  new AppError(400, 'VALIDATION_FAILED', '结束时间必须晚于开始时间', [{ field: '/endsAt', message: '结束时间必须晚于开始时间' }]);

function requireWindow(notice: Pick<AdminNotice, 'startsAt' | 'endsAt'>): void {
  if (notice.endsAt !== null && new Date(notice.endsAt).getTime() <= new Date(notice.startsAt).getTime()) throw windowError();
}

const summaryOf = (notice: AdminNotice): NoticeSummary => ({
  id: notice.id,
  title: notice.title,
  body: notice.body,
  level: notice.level,
  startsAt: notice.startsAt,
});

/** Same fields, same values: a retried create. */
const sameContent = (a: AdminNotice, b: AdminNotice) =>
  JSON.stringify([a.title, a.body, a.level, a.audience, a.endsAt]) === JSON.stringify([b.title, b.body, b.level, b.audience, b.endsAt]);

export interface NoticesServiceOptions {
  now?: () => Date;
}

export function createNoticesService(db: Kysely<Database>, options: NoticesServiceOptions = {}) {
  const now = options.now ?? (() => new Date());

  /** The notices the caller's roles are in the audience of, now (no auth check: callers do it). */
  async function activeFor(auth: AuthContext): Promise<NoticeSummary[]> {
    const active = await listActiveNotices(db, now());
    return active
      .filter((notice) => notice.audience.some((role) => auth.roles.includes(role)))
      .slice(0, NOTICE_LIMIT)
      .map(summaryOf);
  }

  return {
    activeFor,

    async current(auth: AuthContext | null): Promise<NoticeList> {
      requireAuth(auth);
      return { notices: await activeFor(auth) };
    },

    async list(auth: AuthContext | null): Promise<{ notices: AdminNotice[] }> {
      requireRole(auth, 'admin');
      return { notices: await listNotices(db) };
    },

    /**
     * With a client-chosen id a retried create (double tap, lost response) returns the first
     * notice (created: false) instead of publishing it twice; the same id with other content → 409.
     */
    async create(auth: AuthContext | null, body: NoticeCreate): Promise<{ notice: AdminNotice; created: boolean }> {
      requireRole(auth, 'admin');
      const at = now().toISOString();
      const notice: AdminNotice = {
        id: body.id ?? randomUUID(),
        title: body.title,
        body: body.body ?? '',
        level: body.level ?? 'info',
        audience: body.audience,
        startsAt: body.startsAt ? new Date(body.startsAt).toISOString() : at,
        endsAt: body.endsAt ? new Date(body.endsAt).toISOString() : null,
        createdAt: at,
        updatedAt: at,
      };
      requireWindow(notice);
      return db.transaction().execute(async (trx) => {
        if (!(await insertNotice(trx, notice, auth.personId))) {
          const existing = await findNotice(trx, notice.id);
          if (existing && sameContent(existing, notice)) return { notice: existing, created: false };
          throw new AppError(409, 'CONFLICT', '该通知编号已被使用');
        }
        const { createdAt: _c, updatedAt: _u, ...after } = notice;
        await insertAudit(trx, { id: randomUUID(), actorId: auth.personId, action: 'notice.create', target: `notice:${notice.id}`, detail: { after }, at: new Date(at) });
        return { notice, created: true };
      });
    },

    async update(auth: AuthContext | null, id: string, patch: NoticePatch): Promise<AdminNotice> {
      requireRole(auth, 'admin');
      return db.transaction().execute(async (trx) => {
        const before = await findNotice(trx, id);
        if (!before) throw notFound('通知不存在');
        const normalized: Partial<AdminNotice> = { ...patch };
        if (patch.startsAt) normalized.startsAt = new Date(patch.startsAt).toISOString();
        if (patch.endsAt) normalized.endsAt = new Date(patch.endsAt).toISOString();
        const after: AdminNotice = { ...before, ...normalized, updatedAt: now().toISOString() };
        requireWindow(after);
        const was: Record<string, unknown> = {};
        const is: Record<string, unknown> = {};
        for (const key of ['title', 'body', 'level', 'audience', 'startsAt', 'endsAt'] as const) {
          if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
            was[key] = before[key];
            is[key] = after[key];
          }
        }
        if (Object.keys(is).length === 0) return before;
        await updateNotice(trx, after);
        await insertAudit(trx, { id: randomUUID(), actorId: auth.personId, action: 'notice.update', target: `notice:${id}`, detail: { before: was, after: is }, at: new Date(after.updatedAt) });
        return after;
      });
    },

    async remove(auth: AuthContext | null, id: string): Promise<void> {
      requireRole(auth, 'admin');
      await db.transaction().execute(async (trx) => {
        const before = await findNotice(trx, id);
        if (!before || !(await deleteNotice(trx, id))) throw notFound('通知不存在');
        const { createdAt: _c, updatedAt: _u, ...snapshot } = before;
        await insertAudit(trx, { id: randomUUID(), actorId: auth.personId, action: 'notice.delete', target: `notice:${id}`, detail: { before: snapshot }, at: now() });
      });
    },
  };
}

export type NoticesService = ReturnType<typeof createNoticesService>;
