/** The inbox: a person reads only their own messages. */
import type { MessagePage } from '../../../../types/microapp';
import { requireAuth, type AuthContext } from '../../shared/access';
import { AppError, forbidden } from '../../shared/errors';
import type { Db } from '../workflow/workflow.repository';
import { countUnread, listMessages, markAllRead, markRead } from './messages.repository';

export function createMessagesService(db: Db, now: () => Date = () => new Date()) {
  async function list(auth: AuthContext | null, query: { cursor?: string; limit?: number }): Promise<MessagePage> {
    requireAuth(auth);
    const limit = query.limit ?? 20;
    let before: { at: string; id: string } | undefined;
    if (query.cursor) {
      const [at, id] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
      if (!at || !id || Number.isNaN(Date.parse(at))) throw new AppError(400, 'VALIDATION_FAILED', '分页参数无效', [{ field: '/cursor', message: '分页参数无效' }]);
      before = { at, id };
    }
    const rows = await listMessages(db, auth.personId, limit + 1, before);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((m) => ({
        id: m.id,
        title: m.title,
        body: m.body,
        ...(m.link ? { link: m.link } : {}),
        ...(m.requestId ? { requestId: m.requestId } : {}),
        read: m.read,
        createdAt: m.createdAt.toISOString(),
      })),
      unread: await countUnread(db, auth.personId),
      ...(rows.length > limit && last ? { nextCursor: Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url') } : {}),
    };
  }

  async function read(auth: AuthContext | null, id: string): Promise<{ ok: true }> {
    requireAuth(auth);
    if (!(await markRead(db, auth.personId, id, now()))) throw forbidden('没有权限操作此消息');
    return { ok: true };
  }

  /** 全部已读: only the asker's own messages; a second tap changes nothing and says so. */
  async function readAll(auth: AuthContext | null): Promise<{ ok: true; read: number }> {
    requireAuth(auth);
    return { ok: true, read: await markAllRead(db, auth.personId, now()) };
  }

  return { list, read, readAll };
}
