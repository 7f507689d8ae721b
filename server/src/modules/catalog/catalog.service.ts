import type { Kysely } from 'kysely';
import type { Catalog, Service, ServiceCategory } from '../../../../types/api';
import {
  SEARCH_QUERY_MAX,
  type Badges,
  type Home,
  type ServiceList,
  type ServiceSearchResponse,
  type ServiceTile,
  type ServiceTileList,
} from '../../../../types/catalog';
import type { Platform } from '../../../../types/roles';
import type { Database } from '../../db/schema';
import { requireAuth, type AuthContext } from '../../shared/access';
import { AppError, notFound } from '../../shared/errors';
import {
  addFavorite,
  catalogVersion,
  favoriteServiceIds,
  listCategories,
  listPublishedServices,
  recentServiceIds,
  recordUsage,
  removeFavorite,
  reorderFavorites,
  usageCounts,
  type CatalogEntry,
} from './catalog.repository';
import { createNoticesService } from '../notices/notices.service';
import { orderCategoriesFor } from './catalog.home';
import { indexEntry, search, type IndexedEntry } from './catalog.search';
import { countUnread as countUnreadMessages } from '../messages/messages.repository';
import { countOpenTasks } from '../workflow/workflow.repository';

export interface CatalogQuery {
  platform?: Platform;
}

const SEARCH_LIMIT = 50;
const SEARCH_QUERY_CHARS = /^[\p{Script=Han}A-Za-z0-9\s'·]+$/u;
const RECENT_LIMIT = 8;
const HOT_LIMIT = 10;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** a second tap on the same service within this window is the same opening */
const OPEN_DEDUPE_MS = 5_000;

function toService(entry: CatalogEntry): Service {
  const { roles: _roles, keywords: _keywords, sort: _sort, ...service } = entry;
  return service;
}

/** A service as the hall draws it: no description, department or admin fields. */
function toTile(entry: CatalogEntry): ServiceTile {
  const { roles: _roles, keywords: _keywords, sort: _sort, description: _description, department: _department, ...tile } = entry;
  return tile;
}

const HOME_LIST_LIMIT = 8;
const USAGE_TTL_MS = 5_000;
/** tiles of the first tab in the home data (4 rows); the category's count says how many there are */
const HOME_TAB_LIMIT = 16;

const validation = (field: string, message: string): AppError =>
  new AppError(400, 'VALIDATION_FAILED', message, [{ field, message }]);

interface LoadedCatalog {
  version: number;
  categories: ServiceCategory[];
  entries: CatalogEntry[];
  byId: Map<string, CatalogEntry>;
  index: IndexedEntry[];
  /** what one combination of roles sees on one platform, computed once per catalog version */
  views: Map<string, CatalogView>;
}

interface CatalogView {
  entries: CatalogEntry[];
  tilesByCategory: Map<string, ServiceTile[]>;
}

export interface CatalogServiceOptions {
  now?: () => Date;
}

export function createCatalogService(db: Kysely<Database>, options: CatalogServiceOptions = {}) {
  const now = options.now ?? (() => new Date());
  const notices = createNoticesService(db, { now });
  let loaded: LoadedCatalog | null = null;
  let loading: Promise<LoadedCatalog> | null = null;

  /**
   * The published catalog with its search index, cached in this process and keyed by the
   * catalog version in the database (bumped by triggers on every change), so a change made by
   * any process is seen by the next request of every process. Pinyin is computed here only.
   */
  async function catalog(): Promise<LoadedCatalog> {
    const version = await catalogVersion(db);
    if (loaded && loaded.version === version) return loaded;
    if (!loading) {
      loading = (async () => {
        const [categories, entries] = await Promise.all([listCategories(db), listPublishedServices(db)]);
        const categoryNames = new Map(categories.map((category) => [category.id, category.name]));
        return {
          version,
          categories,
          entries,
          byId: new Map(entries.map((entry) => [entry.id, entry])),
          index: entries.map((entry) => indexEntry(entry, categoryNames.get(entry.categoryId) ?? '')),
          views: new Map(),
        };
      })().finally(() => {
        loading = null;
      });
    }
    const result = await loading;
    // a newer version may have been loaded meanwhile: keep the newest
    if (!loaded || result.version >= loaded.version) loaded = result;
    // joined a load started for an older version: load again for the one read here
    if (result.version < version) return catalog();
    return result;
  }

  const visibleTo =
    (auth: AuthContext, platform?: Platform) =>
    (entry: CatalogEntry): boolean =>
      entry.roles.some((role) => auth.roles.includes(role)) && (platform === undefined || entry.platforms.includes(platform));

  /** The ids that exist and the caller may see, in the given order, as services. */
  async function servicesFor(auth: AuthContext, ids: readonly string[], platform?: Platform): Promise<Service[]> {
    const { byId } = await catalog();
    const visible = visibleTo(auth, platform);
    return ids.flatMap((id) => {
      const entry = byId.get(id);
      return entry && visible(entry) ? [toService(entry)] : [];
    });
  }

  /** The caller's view of the catalog: the same for everyone with the same roles and platform. */
  function viewFor(loadedCatalog: LoadedCatalog, auth: AuthContext, platform: Platform | undefined): CatalogView {
    const key = `${[...auth.roles].sort().join(',')}|${platform ?? ''}`;
    let view = loadedCatalog.views.get(key);
    if (!view) {
      const entries = loadedCatalog.entries.filter(visibleTo(auth, platform));
      const tilesByCategory = new Map<string, ServiceTile[]>();
      for (const entry of entries) {
        const tiles = tilesByCategory.get(entry.categoryId) ?? [];
        tiles.push(toTile(entry));
        tilesByCategory.set(entry.categoryId, tiles);
      }
      view = { entries, tilesByCategory };
      // role combinations × platforms are few; the bound only guards against a pathological mix
      if (loadedCatalog.views.size >= 256) loadedCatalog.views.clear();
      loadedCatalog.views.set(key, view);
    }
    return view;
  }

  /** Like servicesFor, as tiles. */
  async function tilesFor(auth: AuthContext, ids: readonly string[], platform: Platform | undefined, limit: number): Promise<ServiceTile[]> {
    const { byId } = await catalog();
    const visible = visibleTo(auth, platform);
    const tiles: ServiceTile[] = [];
    for (const id of ids) {
      const entry = byId.get(id);
      if (entry && visible(entry)) tiles.push(toTile(entry));
      if (tiles.length >= limit) break;
    }
    return tiles;
  }

  /**
   * Opens per service in the last 7 days, read at most every USAGE_TTL_MS per process: every
   * search and home page ranks by it, and a few seconds of staleness in "hot" cannot be seen.
   */
  let usage: { at: number; counts: Promise<Map<string, number>> } | null = null;
  function weeklyUsage(): Promise<Map<string, number>> {
    const at = now().getTime();
    if (!usage || at - usage.at >= USAGE_TTL_MS || at < usage.at) {
      const counts = usageCounts(db, new Date(at - WEEK_MS));
      usage = { at, counts };
      counts.catch(() => {
        if (usage?.counts === counts) usage = null;
      });
    }
    return usage.counts;
  }

  async function hotIds(): Promise<string[]> {
    const counts = await weeklyUsage();
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  }

  /** The service, if the caller may see it (on any platform); else 404 whether or not it exists. */
  async function requireVisibleService(auth: AuthContext, serviceId: string): Promise<CatalogEntry> {
    const entry = (await catalog()).byId.get(serviceId);
    if (!entry || !visibleTo(auth)(entry)) throw notFound('服务不存在或已下线');
    return entry;
  }

  return {
    /**
     * The service hall for the caller: services any of whose roles the caller holds, on the
     * requested platform, not offline. Maintenance services stay listed with their message so
     * the hall can say when they come back. Categories without a visible service are dropped.
     * Read from the version-keyed cache: any change to the catalog tables is seen at once.
     */
    async list(auth: AuthContext | null, query: CatalogQuery): Promise<Catalog> {
      requireAuth(auth);
      const loadedCatalog = await catalog();
      const { categories } = loadedCatalog;
      const visible = viewFor(loadedCatalog, auth, query.platform).entries;
      const usedCategories = new Set(visible.map((entry) => entry.categoryId));
      return {
        // in the order the caller's home shows them: a parent's 家长服务 first
        categories: orderCategoriesFor(categories.filter((category) => usedCategories.has(category.id)), auth.roles),
        services: visible.map(toService),
      };
    },

    /**
     * What the home page's first screen needs, not the whole catalog: categories (in the order
     * the caller's roles want them, with counts), the first category's tiles, favorites, recent,
     * hot and notices. Other categories come from categoryServices when their tab is opened.
     */
    async home(auth: AuthContext | null, query: CatalogQuery): Promise<Home> {
      requireAuth(auth);
      const [loadedCatalog, favoriteIds, recentIds, hot, activeNotices] = await Promise.all([
        catalog(),
        favoriteServiceIds(db, auth.personId),
        recentServiceIds(db, auth.personId, RECENT_LIMIT * 4),
        hotIds(),
        notices.activeFor(auth),
      ]);
      const view = viewFor(loadedCatalog, auth, query.platform);
      const categories = orderCategoriesFor(
        loadedCatalog.categories.filter((category) => view.tilesByCategory.has(category.id)),
        auth.roles,
      ).map((category) => ({ id: category.id, name: category.name, count: view.tilesByCategory.get(category.id)?.length ?? 0 }));
      const first = categories[0]?.id;
      return {
        version: loadedCatalog.version,
        categories,
        firstCategory: { services: (first ? view.tilesByCategory.get(first) ?? [] : []).slice(0, HOME_TAB_LIMIT) },
        favorites: await tilesFor(auth, favoriteIds, query.platform, Number.MAX_SAFE_INTEGER),
        recent: await tilesFor(auth, recentIds, query.platform, RECENT_LIMIT),
        hot: await tilesFor(auth, hot, query.platform, HOME_LIST_LIMIT),
        notices: activeNotices,
      };
    },

    /** One category's services as tiles (a home tab); 404 when the caller sees none in it. */
    async categoryServices(auth: AuthContext | null, categoryId: string, query: CatalogQuery): Promise<ServiceTileList> {
      requireAuth(auth);
      const services = viewFor(await catalog(), auth, query.platform).tilesByCategory.get(categoryId) ?? [];
      if (services.length === 0) throw notFound('分类不存在或没有可用的服务');
      return { services };
    },

    async badges(auth: AuthContext | null): Promise<Badges> {
      requireAuth(auth);
      const [todo, unreadMessages] = await Promise.all([countOpenTasks(db, auth.personId), countUnreadMessages(db, auth.personId)]);
      return { todo, unreadMessages };
    },

    /** Search by Chinese, full pinyin or initials; ranked by match quality, then opens this week. */
    async search(auth: AuthContext | null, query: CatalogQuery & { q: string }): Promise<ServiceSearchResponse> {
      requireAuth(auth);
      const q = query.q.trim();
      if (q === '') throw validation('/q', '请输入要搜索的服务名称或拼音');
      // service names are words: punctuation (e.g. `-`, `%`) is refused rather than matched literally
      if (!SEARCH_QUERY_CHARS.test(q)) throw validation('/q', '搜索内容只能包含汉字、字母、数字和空格');
      if (Array.from(q).length > SEARCH_QUERY_MAX) throw validation('/q', `搜索内容不能超过 ${SEARCH_QUERY_MAX} 个字`);
      const [{ index }, popularity] = await Promise.all([catalog(), weeklyUsage()]);
      const hits = search(index, q, visibleTo(auth, query.platform), popularity, SEARCH_LIMIT);
      return {
        results: hits.map((hit) => ({
          service: toService(hit.entry),
          score: hit.score,
          highlight: { field: 'name' as const, ranges: hit.ranges },
        })),
      };
    },

    /** Records that the caller opened a service; a double tap within 5 s counts once. */
    async open(auth: AuthContext | null, serviceId: string): Promise<void> {
      requireAuth(auth);
      await requireVisibleService(auth, serviceId);
      const at = now();
      if (await recordUsage(db, auth.personId, serviceId, at, new Date(at.getTime() - OPEN_DEDUPE_MS))) {
        // this process reads its own opens at once; other processes within USAGE_TTL_MS
        usage = null;
      }
    },

    async recent(auth: AuthContext | null, query: CatalogQuery): Promise<ServiceList> {
      requireAuth(auth);
      // more than 8 ids: some may since have gone offline or be for another platform
      const ids = await recentServiceIds(db, auth.personId, RECENT_LIMIT * 4);
      return { services: (await servicesFor(auth, ids, query.platform)).slice(0, RECENT_LIMIT) };
    },

    /** The services opened most across the campus in the last 7 days that the caller may see. */
    async hot(auth: AuthContext | null, query: CatalogQuery): Promise<ServiceList> {
      requireAuth(auth);
      return { services: (await servicesFor(auth, await hotIds(), query.platform)).slice(0, HOT_LIMIT) };
    },

    async favorites(auth: AuthContext | null, query: CatalogQuery): Promise<ServiceList> {
      requireAuth(auth);
      return { services: await servicesFor(auth, await favoriteServiceIds(db, auth.personId), query.platform) };
    },

    /** Idempotent: favoriting a favorite keeps its place. */
    async addFavorite(auth: AuthContext | null, serviceId: string): Promise<ServiceList> {
      requireAuth(auth);
      await requireVisibleService(auth, serviceId);
      await addFavorite(db, auth.personId, serviceId, now());
      return this.favorites(auth, {});
    },

    async removeFavorite(auth: AuthContext | null, serviceId: string): Promise<void> {
      requireAuth(auth);
      await removeFavorite(db, auth.personId, serviceId);
    },

    /**
     * The given favorites first, in that order; favorites not listed (e.g. hidden on this
     * platform) keep their relative order after them. An id that is not a favorite → 400.
     */
    async reorderFavorites(auth: AuthContext | null, serviceIds: readonly string[]): Promise<ServiceList> {
      requireAuth(auth);
      if (new Set(serviceIds).size !== serviceIds.length) throw validation('/serviceIds', '收藏列表中有重复的服务');
      const current = await favoriteServiceIds(db, auth.personId);
      const known = new Set(current);
      if (serviceIds.some((id) => !known.has(id))) throw validation('/serviceIds', '收藏列表已变化，请刷新后重试');
      const listed = new Set(serviceIds);
      await db.transaction().execute(async (trx) =>
        reorderFavorites(trx, auth.personId, [...serviceIds, ...current.filter((id) => !listed.has(id))]),
      );
      return this.favorites(auth, {});
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
