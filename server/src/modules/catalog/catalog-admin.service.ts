/**
 * Catalog administration: create, edit (status and maintenance message included), reorder,
 * export and import the catalog as JSON. Admins only; every change writes an audit row (who,
 * when, what changed: before and after) in the same transaction as the change.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ServiceCategory } from '../../../../types/api';
import type {
  AdminService,
  AdminServiceCreate,
  AdminServicePatch,
  AuditList,
  CatalogDocument,
  CatalogImportResult,
} from '../../../../types/catalog';
import type { Database } from '../../db/schema';
import { requireRole, type AuthContext } from '../../shared/access';
import { AppError, notFound } from '../../shared/errors';
import { insertAudit } from '../identity/identity.repository';
import {
  categoryIds,
  findService,
  insertService,
  listAllCategories,
  listAllServices,
  listCatalogAudit,
  maxServiceSort,
  setServiceSorts,
  updateService,
  upsertCategory,
  type StoredEntry,
} from './catalog-admin.repository';
import type { CatalogEntry } from './catalog.repository';

export const CATALOG_FORMAT = 'zhihui-catalog/1' as const;
const SORT_STEP = 10;
const changedMeanwhile = (): AppError => new AppError(409, 'CONFLICT', '导入期间目录被他人修改，请重新导入');

const validation = (field: string, message: string): AppError =>
  new AppError(400, 'VALIDATION_FAILED', message, [{ field, message }]);
const conflict = (message: string): AppError => new AppError(409, 'CONFLICT', message);

/** The fields an audit row compares (everything an admin can change). */
const AUDITED_FIELDS = [
  'name',
  'icon',
  'description',
  'categoryId',
  'department',
  'kind',
  'target',
  'status',
  'statusMessage',
  'platforms',
  'roles',
  'keywords',
  'sort',
] as const satisfies readonly (keyof CatalogEntry)[];

/** The changed fields, before and after; empty objects when nothing changed. */
export function diffEntries(before: CatalogEntry, after: CatalogEntry) {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const field of AUDITED_FIELDS) {
    const a = before[field] ?? null;
    const b = after[field] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      was[field] = a;
      now[field] = b;
    }
  }
  return { before: was, after: now, changed: Object.keys(now).length > 0 };
}

function toAdminService(entry: StoredEntry): AdminService {
  return { ...pick(entry), updatedAt: entry.updatedAt };
}

/** A catalog entry with exactly the audited fields (drops updatedAt and unknown extras). */
function pick(entry: CatalogEntry): CatalogEntry {
  const result: CatalogEntry = {
    id: entry.id,
    name: entry.name,
    icon: entry.icon,
    description: entry.description,
    categoryId: entry.categoryId,
    department: entry.department,
    kind: entry.kind,
    target: entry.target,
    status: entry.status,
    platforms: entry.platforms,
    roles: entry.roles,
    keywords: entry.keywords,
    sort: entry.sort,
  };
  if (entry.statusMessage) result.statusMessage = entry.statusMessage;
  return result;
}

export interface CatalogAdminOptions {
  now?: () => Date;
}

export function createCatalogAdminService(db: Kysely<Database>, options: CatalogAdminOptions = {}) {
  const now = options.now ?? (() => new Date());

  const audit = (trx: Transaction<Database>, actorId: string, action: string, target: string, detail: Record<string, unknown>, at: Date) =>
    insertAudit(trx, { id: randomUUID(), actorId, action, target, detail, at });

  async function requireCategory(trx: Transaction<Database>, categoryId: string, field: string): Promise<void> {
    if (!(await categoryIds(trx)).has(categoryId)) throw validation(field, `分类 ${categoryId} 不存在`);
  }

  return {
    async exportCatalog(auth: AuthContext | null): Promise<CatalogDocument> {
      requireRole(auth, 'admin');
      const [categories, services] = await Promise.all([listAllCategories(db), listAllServices(db)]);
      return { format: CATALOG_FORMAT, categories, services: services.map((entry) => pick(entry)) };
    },

    /** 409 when the id is taken (a retried create does not make a second service). */
    async createService(auth: AuthContext | null, body: AdminServiceCreate): Promise<AdminService> {
      requireRole(auth, 'admin');
      const at = now();
      return db.transaction().execute(async (trx) => {
        await requireCategory(trx, body.categoryId, '/categoryId');
        const entry = pick({
          ...body,
          status: body.status ?? 'online',
          keywords: body.keywords ?? [],
          sort: body.sort ?? (await maxServiceSort(trx)) + SORT_STEP,
        });
        if (!(await insertService(trx, entry, at))) throw conflict(`服务编号 ${body.id} 已存在`);
        await audit(trx, auth.personId, 'service.create', `service:${entry.id}`, { after: entry }, at);
        return toAdminService({ ...entry, updatedAt: at.toISOString() });
      });
    },

    /**
     * Changes the given fields (status + statusMessage take a service offline or into
     * maintenance). With expectedUpdatedAt, an edit based on an older copy is refused (409).
     */
    async updateService(auth: AuthContext | null, id: string, patch: AdminServicePatch): Promise<AdminService> {
      requireRole(auth, 'admin');
      const at = now();
      return db.transaction().execute(async (trx) => {
        const before = await findService(trx, id);
        if (!before) throw notFound('服务不存在');
        if (patch.expectedUpdatedAt && new Date(patch.expectedUpdatedAt).getTime() !== new Date(before.updatedAt).getTime()) {
          throw conflict('该服务已被他人修改，请刷新后重试');
        }
        if (patch.categoryId !== undefined) await requireCategory(trx, patch.categoryId, '/categoryId');
        const { expectedUpdatedAt: _seen, statusMessage, ...fields } = patch;
        const after = pick({ ...before, ...fields, statusMessage: statusMessage === null ? undefined : (statusMessage ?? before.statusMessage) });
        const diff = diffEntries(before, after);
        if (!diff.changed) return toAdminService(before);
        if (!(await updateService(trx, after, before.updatedAt, at))) throw conflict('该服务已被他人修改，请刷新后重试');
        await audit(trx, auth.personId, 'service.update', `service:${id}`, { before: diff.before, after: diff.after }, at);
        return toAdminService({ ...after, updatedAt: at.toISOString() });
      });
    },

    /** The listed services first in that order, then the others in their current order. */
    async reorder(auth: AuthContext | null, serviceIds: readonly string[]): Promise<void> {
      requireRole(auth, 'admin');
      const at = now();
      await db.transaction().execute(async (trx) => {
        const current = (await listAllServices(trx)).map((entry) => entry.id);
        const known = new Set(current);
        const unknown = serviceIds.find((id) => !known.has(id));
        if (unknown) throw validation('/serviceIds', `服务 ${unknown} 不存在`);
        const listed = new Set(serviceIds);
        const order = [...serviceIds, ...current.filter((id) => !listed.has(id))];
        await setServiceSorts(trx, order.map((id, index) => [id, (index + 1) * SORT_STEP] as const), at);
        await audit(trx, auth.personId, 'catalog.reorder', 'catalog', { before: current, after: order }, at);
      });
    },

    /**
     * Creates and updates categories and services by id from a document (an export, edited).
     * With `replace`, services the document leaves out are taken offline, never deleted (people's
     * favorites and usage keep pointing at them). One audit row per changed entry.
     */
    async importCatalog(auth: AuthContext | null, document: CatalogDocument, replace = false): Promise<CatalogImportResult> {
      requireRole(auth, 'admin');
      const duplicateOf = <T extends { id: string }>(items: readonly T[]) => items.findIndex((item, i) => items.findIndex((x) => x.id === item.id) !== i);
      const duplicateService = duplicateOf(document.services);
      if (duplicateService >= 0) throw validation(`/services/${duplicateService}/id`, `服务编号 ${document.services[duplicateService]!.id} 重复`);
      const duplicateCategory = duplicateOf(document.categories);
      if (duplicateCategory >= 0) throw validation(`/categories/${duplicateCategory}/id`, `分类编号 ${document.categories[duplicateCategory]!.id} 重复`);
      const at = now();
      return db.transaction().execute(async (trx) => {
        const categories = new Map((await listAllCategories(trx)).map((category) => [category.id, category]));
        const knownCategories = new Set([...categories.keys(), ...document.categories.map((category) => category.id)]);
        document.services.forEach((service, index) => {
          if (!knownCategories.has(service.categoryId)) throw validation(`/services/${index}/categoryId`, `分类 ${service.categoryId} 不存在`);
        });
        for (const category of document.categories) {
          const before: ServiceCategory | undefined = categories.get(category.id);
          if (before && before.name === category.name && before.sort === category.sort) continue;
          await upsertCategory(trx, category);
          await audit(trx, auth.personId, before ? 'category.update' : 'category.create', `category:${category.id}`, { before: before ?? null, after: category }, at);
        }

        const existing = new Map((await listAllServices(trx)).map((entry) => [entry.id, entry]));
        const result: CatalogImportResult = { created: [], updated: [], unchanged: 0, takenOffline: [] };
        for (const service of document.services) {
          const entry = pick(service);
          const before = existing.get(entry.id);
          if (!before) {
            if (!(await insertService(trx, entry, at))) throw changedMeanwhile();
            await audit(trx, auth.personId, 'service.create', `service:${entry.id}`, { after: entry, via: 'import' }, at);
            result.created.push(entry.id);
            continue;
          }
          const diff = diffEntries(before, entry);
          if (!diff.changed) {
            result.unchanged += 1;
            continue;
          }
          if (!(await updateService(trx, entry, before.updatedAt, at))) throw changedMeanwhile();
          await audit(trx, auth.personId, 'service.update', `service:${entry.id}`, { before: diff.before, after: diff.after, via: 'import' }, at);
          result.updated.push(entry.id);
        }
        if (replace) {
          const listed = new Set(document.services.map((service) => service.id));
          for (const before of existing.values()) {
            if (listed.has(before.id) || before.status === 'offline') continue;
            const after = { ...pick(before), status: 'offline' as const };
            if (!(await updateService(trx, after, before.updatedAt, at))) throw changedMeanwhile();
            await audit(trx, auth.personId, 'service.update', `service:${before.id}`, { before: { status: before.status }, after: { status: 'offline' }, via: 'import' }, at);
            result.takenOffline.push(before.id);
          }
        }
        await audit(trx, auth.personId, 'catalog.import', 'catalog', { ...result, replace }, at);
        return result;
      });
    },

    async audit(auth: AuthContext | null, query: { target?: string; limit?: number }): Promise<AuditList> {
      requireRole(auth, 'admin');
      return { entries: await listCatalogAudit(db, query.target, query.limit ?? 50) };
    },
  };
}
