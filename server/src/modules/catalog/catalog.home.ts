/**
 * Which categories each role's home shows first: a student sees student services first, a
 * counselor student affairs and class tools, a parent only what parents may see (visibility by
 * role already leaves a parent nothing else). Categories not listed follow in catalog order.
 */
import type { ServiceCategory } from '../../../../types/api';
import type { Role } from '../../../../types/roles';

export const ROLE_HOME_CATEGORIES: Record<Role, readonly string[]> = {
  student: ['student-affairs', 'study', 'life', 'logistics'],
  counselor: ['student-affairs', 'staff', 'office'],
  teacher: ['study', 'staff', 'office'],
  dispatcher: ['staff', 'logistics'],
  worker: ['staff', 'logistics'],
  guard: ['staff', 'logistics'],
  parent: ['parent'],
  admin: ['office', 'staff'],
};

/** The categories in the order the caller's home shows them (roles in the order they hold them). */
export function orderCategoriesFor<T extends ServiceCategory>(categories: readonly T[], roles: readonly Role[]): T[] {
  const preferred: string[] = [];
  for (const role of roles) for (const id of ROLE_HOME_CATEGORIES[role] ?? []) if (!preferred.includes(id)) preferred.push(id);
  const rank = (category: T) => {
    const index = preferred.indexOf(category.id);
    return index < 0 ? preferred.length : index;
  };
  return [...categories].sort((a, b) => rank(a) - rank(b) || a.sort - b.sort || (a.id < b.id ? -1 : 1));
}
