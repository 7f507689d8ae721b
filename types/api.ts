/**
 * The HTTP contract shared by the server (runtime TypeBox schemas that drive validation and the
 * OpenAPI document) and the client (type-only imports via `Static<>`, so nothing of TypeBox is
 * bundled into the mini-programs).
 *
 * Success responses are the resource itself (no envelope); failures are `ApiErrorBody`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ERROR_CODES } from './errors';
import { PLATFORMS, ROLES } from './roles';

export { CLIENT_PLATFORM_HEADER } from './headers';

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
export const PlatformSchema = Type.Union(PLATFORMS.map((p) => Type.Literal(p)));

export const ErrorBodySchema = Type.Object(
  {
    code: Type.Union(ERROR_CODES.map((c) => Type.Literal(c))),
    message: Type.String(),
    fields: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    ),
  },
  { $id: 'ErrorBody', description: '统一错误结构' },
);

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  version: Type.String(),
});
export type Health = Static<typeof HealthSchema>;

export const LoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, description: '学号 / 工号 / 账号' }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const MeSchema = Type.Object({
  id: Type.String(),
  /** 学号 / 工号 / login name */
  number: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('student'), Type.Literal('staff'), Type.Literal('parent')]),
  roles: Type.Array(RoleSchema),
  college: Type.Optional(Type.String()),
  major: Type.Optional(Type.String()),
  className: Type.Optional(Type.String()),
  department: Type.Optional(Type.String()),
});
export type Me = Static<typeof MeSchema>;

export const LoginResponseSchema = Type.Object({
  accessToken: Type.String(),
  /** seconds until accessToken expires */
  expiresIn: Type.Integer(),
  user: MeSchema,
});
export type LoginResponse = Static<typeof LoginResponseSchema>;

export const ServiceKindSchema = Type.Union([
  Type.Literal('microapp'),
  Type.Literal('link'),
  Type.Literal('miniprogram'),
  Type.Literal('phone'),
]);

export const ServiceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  icon: Type.String(),
  description: Type.String(),
  categoryId: Type.String(),
  department: Type.String(),
  kind: ServiceKindSchema,
  /** micro-app key, URL, mini-program appid/path or phone number, by kind */
  target: Type.String(),
  status: Type.Union([Type.Literal('online'), Type.Literal('maintenance'), Type.Literal('offline')]),
  statusMessage: Type.Optional(Type.String()),
  platforms: Type.Array(PlatformSchema),
});
export type Service = Static<typeof ServiceSchema>;

export const ServiceCategorySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  sort: Type.Integer(),
});
export type ServiceCategory = Static<typeof ServiceCategorySchema>;

export const CatalogSchema = Type.Object({
  categories: Type.Array(ServiceCategorySchema),
  services: Type.Array(ServiceSchema),
});
export type Catalog = Static<typeof CatalogSchema>;

export const CatalogQuerySchema = Type.Object(
  { platform: Type.Optional(PlatformSchema) },
  { additionalProperties: false },
);

/**
 * GET /api/people/:id — a person as the caller may see them: fields outside the caller's
 * relation (a parent does not see the child's mobile or dorm) are absent, not null.
 */
export const PersonCardSchema = Type.Object({
  id: Type.String(),
  number: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  kind: Type.Optional(Type.Union([Type.Literal('student'), Type.Literal('staff'), Type.Literal('parent')])),
  gender: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
  college: Type.Optional(Type.String()),
  major: Type.Optional(Type.String()),
  className: Type.Optional(Type.String()),
  department: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  mobile: Type.Optional(Type.String()),
  dormRoom: Type.Optional(Type.String({ description: '楼栋 + 房间号' })),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
});
export type PersonCard = Static<typeof PersonCardSchema>;

export const PersonIdParamsSchema = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
