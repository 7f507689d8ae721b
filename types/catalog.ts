/**
 * Service hall (issue 4): search, favorites, recently used and hot services. Kept apart from
 * types/api.ts so that file's exports stay as they are; the shapes reuse its ServiceSchema.
 */
import { Type, type Static } from '@sinclair/typebox';
import { PlatformSchema, ServiceSchema } from './api';

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
