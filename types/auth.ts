/**
 * Identity contract (issue 3): every way in, the session that results, and what "me" looks like.
 * Runtime TypeBox schemas for the server; the client imports types only (`import type`).
 *
 * Sessions: a short access token (JWT, ≤ 15 min) and an opaque refresh token (≥ 128 bits, stored
 * hashed) that rotates on every refresh; presenting an already-rotated refresh token revokes the
 * whole family.
 */
import { Type, type Static } from '@sinclair/typebox';
import { MeSchema, PlatformSchema } from './api';

export const IdentityProviderSchema = Type.Union([
  Type.Literal('password'), // the built-in directory
  Type.Literal('cas'),
  Type.Literal('oidc'),
  Type.Literal('wechat'),
  Type.Literal('dingtalk'),
  Type.Literal('sms'), // parents
]);
export type IdentityProvider = Static<typeof IdentityProviderSchema>;

/** Tokens as every successful login, exchange, binding or refresh returns them. */
export const SessionTokensSchema = Type.Object({
  accessToken: Type.String(),
  /** seconds until accessToken expires (≤ 900) */
  expiresIn: Type.Integer(),
  refreshToken: Type.String(),
  /** seconds until refreshToken expires */
  refreshExpiresIn: Type.Integer(),
});
export type SessionTokens = Static<typeof SessionTokensSchema>;

export const BindingSchema = Type.Object({
  provider: Type.Union([Type.Literal('wechat'), Type.Literal('dingtalk')]),
  boundAt: Type.String({ format: 'date-time' }),
});
export type Binding = Static<typeof BindingSchema>;

export const ChildSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  number: Type.String(),
  className: Type.Optional(Type.String()),
  relation: Type.String(),
});
export type Child = Static<typeof ChildSchema>;

/** What a student lets their parents see; later issues (leave, portrait) honour it. */
export const ParentVisibilitySchema = Type.Object(
  {
    leaveStatus: Type.Boolean({ description: '离返校状态' }),
    portrait: Type.Boolean({ description: '学业画像（成绩趋势、学分、能力雷达、标签）' }),
    /** portrait (issue 7): absent in a PUT = unchanged; default true */
    portraitSummary: Type.Optional(Type.Boolean({ description: '学业概况（GPA、学分进度、排名）' })),
    /** default false */
    portraitWarnings: Type.Optional(Type.Boolean({ description: '预警信息（学业预警、失联预警）' })),
  },
  { additionalProperties: false },
);
export type ParentVisibility = Static<typeof ParentVisibilitySchema>;

/** GET /api/me: the profile plus what the 我的 page shows. */
export const MeDetailSchema = Type.Intersect([
  MeSchema,
  Type.Object({
    bindings: Type.Array(BindingSchema),
    /** parents only: the linked children and the one currently selected */
    children: Type.Optional(Type.Array(ChildSchema)),
    activeChildId: Type.Optional(Type.String()),
    /** students only */
    parentVisibility: Type.Optional(ParentVisibilitySchema),
  }),
]);
export type MeDetail = Static<typeof MeDetailSchema>;

export const LoginResultSchema = Type.Intersect([SessionTokensSchema, Type.Object({ user: MeDetailSchema })]);
export type LoginResult = Static<typeof LoginResultSchema>;

/** GET /api/auth/providers: which buttons the login page shows on this deployment. */
export const ProvidersSchema = Type.Object({
  /** the school's unified identity on H5: 'cas' | 'oidc' | 'password' (built-in directory) */
  unified: Type.Union([Type.Literal('cas'), Type.Literal('oidc'), Type.Literal('password')]),
  /** display name of the unified identity, e.g. 统一身份认证 */
  unifiedLabel: Type.String(),
  parentSms: Type.Boolean(),
});
export type Providers = Static<typeof ProvidersSchema>;

/** POST /api/auth/exchange: the one-time code the CAS / OIDC callback put in the redirect. */
export const ExchangeBodySchema = Type.Object(
  { code: Type.String({ minLength: 16, maxLength: 128 }) },
  { additionalProperties: false },
);

/** POST /api/auth/wechat {code} and POST /api/auth/dingtalk {authCode} */
export const WechatLoginBodySchema = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
export const DingtalkLoginBodySchema = Type.Object(
  { authCode: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);

/**
 * A platform login either finds a bound person (tokens) or asks the user to prove who they are
 * once; `bindTicket` (opaque, 10 minutes, single use) carries the platform identity to the bind call
 * without ever exposing WeChat's session_key.
 */
export const PlatformLoginResultSchema = Type.Union([
  Type.Intersect([Type.Object({ status: Type.Literal('bound') }), LoginResultSchema]),
  Type.Object({
    status: Type.Literal('needs_binding'),
    bindTicket: Type.String(),
    /** what the binding page asks for: the unified identity (CAS REST) or the built-in directory */
    verifyWith: Type.Union([Type.Literal('cas'), Type.Literal('password')]),
  }),
]);
export type PlatformLoginResult = Static<typeof PlatformLoginResultSchema>;

/** POST /api/auth/bind: prove who you are once; the platform identity is then bound to you. */
export const BindBodySchema = Type.Object(
  {
    bindTicket: Type.String({ minLength: 16, maxLength: 256 }),
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

/** POST /api/auth/sms/send and POST /api/auth/sms/login (parents) */
export const SmsSendBodySchema = Type.Object(
  { mobile: Type.String({ pattern: '^1[3-9]\\d{9}$', description: '中国大陆手机号' }) },
  { additionalProperties: false },
);
export const SmsLoginBodySchema = Type.Object(
  {
    mobile: Type.String({ pattern: '^1[3-9]\\d{9}$' }),
    code: Type.String({ pattern: '^\\d{6}$' }),
  },
  { additionalProperties: false },
);
export const SmsSentSchema = Type.Object({
  /** seconds before another code may be requested for this number */
  retryAfter: Type.Integer(),
});

/** POST /api/auth/refresh */
export const RefreshBodySchema = Type.Object(
  { refreshToken: Type.String({ minLength: 16, maxLength: 256 }) },
  { additionalProperties: false },
);

/** PUT /api/me/active-child (parents) */
export const ActiveChildBodySchema = Type.Object(
  { studentId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const ClientPlatformSchema = PlatformSchema;
