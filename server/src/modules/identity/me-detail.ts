/**
 * MeDetail: the profile plus what the 我的 page shows — bound platform accounts, a parent's
 * children and the selected one, a student's parent-visibility settings.
 */
import type { Kysely } from 'kysely';
import type { Me } from '../../../../types/api';
import type { Binding, Child, MeDetail, ParentVisibility } from '../../../../types/auth';
import type { Database } from '../../db/schema';
import { sessionExpired } from '../../shared/errors';
import * as repository from './identity.repository';

/**
 * Until a student says otherwise: parents see whether the child is on campus and the academic
 * summary of the portrait (GPA, credits, rank), not its details or the warnings.
 */
export const DEFAULT_PARENT_VISIBILITY: ParentVisibility = { leaveStatus: true, portrait: false, portraitSummary: true, portraitWarnings: false };

export function toMe(profile: repository.Profile, roles: Me['roles']): Me {
  const me: Me = { id: profile.id, number: profile.number, name: profile.name, kind: profile.kind, roles };
  if (profile.college) me.college = profile.college;
  if (profile.major) me.major = profile.major;
  if (profile.className) me.className = profile.className;
  if (profile.department) me.department = profile.department;
  return me;
}

export async function parentVisibilityOf(db: Kysely<Database>, studentId: string): Promise<ParentVisibility> {
  return { ...DEFAULT_PARENT_VISIBILITY, ...(await repository.findPrivacy(db, studentId)) };
}

export async function buildMeDetail(db: Kysely<Database>, personId: string): Promise<MeDetail> {
  const [profile, roles, bindings] = await Promise.all([
    repository.findProfile(db, personId),
    repository.findRoles(db, personId),
    repository.listBindings(db, personId),
  ]);
  if (!profile) throw sessionExpired();
  const detail: MeDetail = {
    ...toMe(profile, roles),
    bindings: bindings
      .filter((binding): binding is repository.BindingRow & { provider: Binding['provider'] } =>
        binding.provider === 'wechat' || binding.provider === 'dingtalk',
      )
      .map((binding) => ({ provider: binding.provider, boundAt: binding.boundAt.toISOString() })),
  };
  if (profile.kind === 'parent' || roles.includes('parent')) {
    const children: Child[] = (await repository.listChildren(db, personId)).map((child) => ({
      id: child.id,
      name: child.name,
      number: child.number,
      relation: child.relation,
      ...(child.className ? { className: child.className } : {}),
    }));
    detail.children = children;
    const stored = await repository.findActiveChild(db, personId);
    const active = children.find((child) => child.id === stored) ?? children[0];
    if (active) detail.activeChildId = active.id;
  }
  if (profile.kind === 'student') detail.parentVisibility = await parentVisibilityOf(db, personId);
  return detail;
}
