import type { Kysely } from 'kysely';
import type { Catalog, Service } from '../../../../types/api';
import type { Platform } from '../../../../types/roles';
import type { Database } from '../../db/schema';
import { requireAuth, type AuthContext } from '../../shared/auth-context';
import { listCategories, listPublishedServices, type CatalogEntry } from './catalog.repository';

export interface CatalogQuery {
  platform?: Platform;
}

function toService(entry: CatalogEntry): Service {
  const { roles: _roles, keywords: _keywords, sort: _sort, ...service } = entry;
  return service;
}

export function createCatalogService(db: Kysely<Database>) {
  return {
    /**
     * The service hall for the caller: services any of whose roles the caller holds, on the
     * requested platform, not offline. Maintenance services stay listed with their message so
     * the hall can say when they come back. Categories without a visible service are dropped.
     */
    async list(auth: AuthContext | null, query: CatalogQuery): Promise<Catalog> {
      requireAuth(auth);
      const [categories, entries] = await Promise.all([listCategories(db), listPublishedServices(db)]);
      const visible = entries.filter(
        (entry) =>
          entry.roles.some((role) => auth.roles.includes(role)) &&
          (query.platform === undefined || entry.platforms.includes(query.platform)),
      );
      const usedCategories = new Set(visible.map((entry) => entry.categoryId));
      return {
        categories: categories.filter((category) => usedCategories.has(category.id)),
        services: visible.map(toService),
      };
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
