/**
 * Service hall (issue 4): search, favorites, recently used and hot services. Kept apart from
 * types/api.ts so that file's exports stay as they are; the shapes reuse its ServiceSchema.
 */
import { Type, type Static } from '@sinclair/typebox';
import { PlatformSchema, RoleSchema, ServiceKindSchema, ServiceSchema } from './api';

/** Longest search query accepted (characters, after trimming). */
export const SEARCH_QUERY_MAX = 50;

export const ServiceSearchQuerySchema = Type.Object(
  {
    /** Chinese, full pinyin (`baoxiu`) or pinyin initials (`bx`); checked by the service (Chinese messages) */
    q: Type.String({ maxLength: 200 }),
    platform: Type.Optional(PlatformSchema),
  },
  { additionalProperties: false },
);
export type ServiceSearchQuery = Static<typeof ServiceSearchQuerySchema>;

export const SearchHighlightSchema = Type.Object({
  field: Type.Literal('name'),
  /** [start, end) character offsets into service.name; empty when the match was not on the name */
  ranges: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()])),
});

export const ServiceSearchResultSchema = Type.Object({
  service: ServiceSchema,
  /** higher is better: 100 exact name, 90 name prefix, 80 name substring, 70 name pinyin / initials, 60 keyword, 50 category / department */
  score: Type.Integer(),
  highlight: SearchHighlightSchema,
});
export type ServiceSearchResult = Static<typeof ServiceSearchResultSchema>;

export const ServiceSearchResponseSchema = Type.Object({
  results: Type.Array(ServiceSearchResultSchema),
});
export type ServiceSearchResponse = Static<typeof ServiceSearchResponseSchema>;

/** Favorites, recently used and hot services: a list of services in display order. */
export const ServiceListSchema = Type.Object({
  services: Type.Array(ServiceSchema),
});
export type ServiceList = Static<typeof ServiceListSchema>;

export const ServiceListQuerySchema = Type.Object(
  { platform: Type.Optional(PlatformSchema) },
  { additionalProperties: false },
);

export const ServiceIdParamsSchema = Type.Object({
  serviceId: Type.String({ minLength: 1, maxLength: 100 }),
});
export const ServiceOpenParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
});

export const FavoriteOrderBodySchema = Type.Object(
  { serviceIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 }) },
  { additionalProperties: false },
);
export type FavoriteOrderBody = Static<typeof FavoriteOrderBodySchema>;

// ---------------------------------------------------------------------------------------------
// Home page data (GET /api/home): what the first screen needs, not the whole catalog.

/** A service as a tile: what the hall draws and needs to open it (no description, no department). */
export const ServiceTileSchema = Type.Omit(ServiceSchema, ['description', 'department']);
export type ServiceTile = Static<typeof ServiceTileSchema>;

export const ServiceTileListSchema = Type.Object({ services: Type.Array(ServiceTileSchema) });
export type ServiceTileList = Static<typeof ServiceTileListSchema>;

export const HomeCategorySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** visible services in it, for this caller and platform */
  count: Type.Integer(),
});
export type HomeCategory = Static<typeof HomeCategorySchema>;

export const NoticeLevelSchema = Type.Union([Type.Literal('info'), Type.Literal('warning')]);

/** A notice as its audience sees it. */
export const NoticeSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  level: NoticeLevelSchema,
  startsAt: Type.String({ format: 'date-time' }),
});
export type NoticeSummary = Static<typeof NoticeSummarySchema>;

export const NoticeListSchema = Type.Object({ notices: Type.Array(NoticeSummarySchema) });
export type NoticeList = Static<typeof NoticeListSchema>;

export const HomeSchema = Type.Object({
  /** catalog version the data was built from; the client keys its cached copy by it */
  version: Type.Integer(),
  /** categories in the order this caller's home shows them (their roles' services first) */
  categories: Type.Array(HomeCategorySchema),
  /** the first category's services (at most 16; its count says how many): the first tab is drawn without another request */
  firstCategory: ServiceTileListSchema,
  favorites: Type.Array(ServiceTileSchema),
  /** last 8 opened */
  recent: Type.Array(ServiceTileSchema),
  /** most opened across the campus in the last 7 days, at most 8 */
  hot: Type.Array(ServiceTileSchema),
  notices: Type.Array(NoticeSummarySchema),
});
export type Home = Static<typeof HomeSchema>;

export const CategoryParamsSchema = Type.Object({ categoryId: Type.String({ minLength: 1, maxLength: 64 }) });

/** GET /api/me/badges: counts for the tab bar. */
export const BadgesSchema = Type.Object({
  /** tasks waiting for this user (the workflow engine supplies them) */
  todo: Type.Integer({ minimum: 0 }),
  unreadMessages: Type.Integer({ minimum: 0 }),
});
export type Badges = Static<typeof BadgesSchema>;

// ---------------------------------------------------------------------------------------------
// Catalog administration (admin only; every change is written to the audit log).

/** Lower-case letters, digits and dashes; `order` is taken by /api/me/favorites/order. */
export const SERVICE_ID_PATTERN = '^(?!order$)[a-z0-9][a-z0-9-]{0,62}$';
const ServiceIdSchema = Type.String({ pattern: SERVICE_ID_PATTERN, description: '小写字母、数字和连字符，不能是 order' });
const RoleListSchema = Type.Array(RoleSchema, { minItems: 1, maxItems: 8, uniqueItems: true });
const PlatformListSchema = Type.Array(PlatformSchema, { minItems: 1, maxItems: 3, uniqueItems: true });
const ServiceStatusSchema = Type.Union([Type.Literal('online'), Type.Literal('maintenance'), Type.Literal('offline')]);

const serviceFields = {
  name: Type.String({ minLength: 1, maxLength: 30 }),
  icon: Type.String({ minLength: 1, maxLength: 32 }),
  description: Type.String({ maxLength: 200 }),
  categoryId: Type.String({ minLength: 1, maxLength: 64 }),
  department: Type.String({ maxLength: 60 }),
  kind: ServiceKindSchema,
  target: Type.String({ minLength: 1, maxLength: 500 }),
  status: ServiceStatusSchema,
  /** shown to users while under maintenance or offline */
  statusMessage: Type.Optional(Type.String({ maxLength: 100 })),
  platforms: PlatformListSchema,
  roles: RoleListSchema,
  keywords: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 30 }),
  sort: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
};

/** A catalog entry as admins see, export and import it (offline ones included). */
export const AdminServiceSchema = Type.Object(
  { id: ServiceIdSchema, ...serviceFields, updatedAt: Type.Optional(Type.String({ format: 'date-time' })) },
  { additionalProperties: false },
);
export type AdminService = Static<typeof AdminServiceSchema>;

export const AdminServiceCreateSchema = Type.Object(
  {
    id: ServiceIdSchema,
    ...serviceFields,
    status: Type.Optional(ServiceStatusSchema),
    keywords: Type.Optional(serviceFields.keywords),
    /** default: after the last service */
    sort: Type.Optional(serviceFields.sort),
  },
  { additionalProperties: false },
);
export type AdminServiceCreate = Static<typeof AdminServiceCreateSchema>;

const { statusMessage: _statusMessage, ...patchableServiceFields } = serviceFields;
export const AdminServicePatchSchema = Type.Object(
  {
    ...Type.Partial(Type.Object(patchableServiceFields)).properties,
    /** null clears it */
    statusMessage: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    /** optimistic concurrency: the updatedAt the editor saw; a newer one → 409 */
    expectedUpdatedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AdminServicePatch = Static<typeof AdminServicePatchSchema>;

export const AdminServiceParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const ServiceOrderBodySchema = Type.Object(
  {
    /** these services first, in this order; the others keep their relative order after them */
    serviceIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 2000, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const CatalogCategorySchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
    name: Type.String({ minLength: 1, maxLength: 20 }),
    sort: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);

/** The export format, also the import body. */
export const CatalogDocumentSchema = Type.Object(
  {
    format: Type.Literal('zhihui-catalog/1'),
    categories: Type.Array(CatalogCategorySchema, { maxItems: 100 }),
    services: Type.Array(AdminServiceSchema, { maxItems: 2000 }),
  },
  { additionalProperties: false },
);
export type CatalogDocument = Static<typeof CatalogDocumentSchema>;

export const CatalogImportQuerySchema = Type.Object(
  {
    /** true: services missing from the document are taken offline (never deleted) */
    replace: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CatalogImportResultSchema = Type.Object({
  created: Type.Array(Type.String()),
  updated: Type.Array(Type.String()),
  unchanged: Type.Integer(),
  /** taken offline because the document left them out (replace=true) */
  takenOffline: Type.Array(Type.String()),
});
export type CatalogImportResult = Static<typeof CatalogImportResultSchema>;

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  target: Type.String(),
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  at: Type.String({ format: 'date-time' }),
});
export const AuditListSchema = Type.Object({ entries: Type.Array(AuditEntrySchema) });
export type AuditList = Static<typeof AuditListSchema>;
export const AuditQuerySchema = Type.Object(
  {
    /** e.g. service:dorm-repair, notice:<id>, catalog */
    target: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

// ---------------------------------------------------------------------------------------------
// Notices (announcements with a publish window and an audience)

const noticeFields = {
  title: Type.String({ minLength: 1, maxLength: 60 }),
  body: Type.String({ maxLength: 500 }),
  level: NoticeLevelSchema,
  /** roles that see it */
  audience: RoleListSchema,
  startsAt: Type.String({ format: 'date-time' }),
  /** null: until taken down */
  endsAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
};

export const AdminNoticeSchema = Type.Object({
  id: Type.String(),
  ...noticeFields,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type AdminNotice = Static<typeof AdminNoticeSchema>;
export const AdminNoticeListSchema = Type.Object({ notices: Type.Array(AdminNoticeSchema) });

export const NoticeCreateSchema = Type.Object(
  {
    /** client-chosen id: a retried create returns the first one instead of a duplicate */
    id: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' })),
    title: noticeFields.title,
    body: Type.Optional(noticeFields.body),
    level: Type.Optional(NoticeLevelSchema),
    audience: noticeFields.audience,
    /** default: now */
    startsAt: Type.Optional(noticeFields.startsAt),
    endsAt: Type.Optional(noticeFields.endsAt),
  },
  { additionalProperties: false },
);
export type NoticeCreate = Static<typeof NoticeCreateSchema>;

export const NoticePatchSchema = Type.Object(Type.Partial(Type.Object(noticeFields)).properties, {
  additionalProperties: false,
  minProperties: 1,
});
export type NoticePatch = Static<typeof NoticePatchSchema>;
export const NoticeParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
