/**
 * The 我的 page: the caller's detail, a parent's child switcher, a student's parent-visibility
 * setting, unbinding a platform account.
 */
import { randomUUID } from 'node:crypto';
import type { Binding, MeDetail, ParentVisibility } from '../../../../types/auth';
import { requireAuth, requireRole, type AuthContext } from '../../shared/access';
import { forbidden, notFound } from '../../shared/errors';
import type { IdentityContext } from './identity.context';
import * as repository from './identity.repository';
import { buildMeDetail } from './me-detail';

export function createMeService(ctx: IdentityContext) {
  const { db } = ctx;
  return {
    async me(auth: AuthContext | null): Promise<MeDetail> {
      requireAuth(auth);
      return buildMeDetail(db, auth.personId);
    },

    /** Parents: one of their own children only. */
    async setActiveChild(auth: AuthContext | null, studentId: string): Promise<MeDetail> {
      requireRole(auth, 'parent');
      const children = await repository.listChildren(db, auth.personId);
      if (!children.some((child) => child.id === studentId)) throw forbidden('只能切换到与您关联的学生');
      await repository.setActiveChild(db, auth.personId, studentId, new Date());
      return buildMeDetail(db, auth.personId);
    },

    /** Students decide what their parents see. */
    async setParentVisibility(auth: AuthContext | null, visibility: ParentVisibility): Promise<MeDetail> {
      requireRole(auth, 'student');
      await repository.setPrivacy(db, auth.personId, visibility, new Date());
      return buildMeDetail(db, auth.personId);
    },

    /**
     * Removes the WeChat / DingTalk binding and ends every session of the person at once: whoever
     * holds the old phone is logged out on their next request.
     */
    async unbind(auth: AuthContext | null, provider: Binding['provider']): Promise<void> {
      requireAuth(auth);
      const binding = await repository.findBindingByPerson(db, provider, auth.personId);
      if (!binding) throw notFound(provider === 'wechat' ? '尚未绑定微信' : '尚未绑定钉钉');
      await db.transaction().execute(async (trx) => {
        await repository.deleteBinding(trx, binding.id);
        if (provider === 'wechat') await repository.deleteWechatSession(trx, binding.subject);
        await repository.revokePersonSessions(trx, auth.personId, new Date(), 'unbind');
        await repository.insertAudit(trx, {
          id: randomUUID(),
          actorId: auth.personId,
          action: `unbind.${provider}`,
          target: `person:${auth.personId}`,
          at: new Date(),
        });
      });
    },
  };
}

export type MeService = ReturnType<typeof createMeService>;
