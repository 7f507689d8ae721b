import { Type } from '@sinclair/typebox';
import type { ApiErrorBody } from '../../../types/errors';

/** Registered once with app.addSchema; routes point at it so OpenAPI shows one ErrorBody. */
export const ERROR_BODY_REF = Type.Unsafe<ApiErrorBody>(Type.Ref('ErrorBody'));

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: '请求参数不正确（VALIDATION_FAILED）或请求体不是合法的 JSON（BAD_REQUEST）',
  401: '未登录或登录已失效（UNAUTHENTICATED / INVALID_CREDENTIALS / SESSION_EXPIRED / REFRESH_REUSED / TICKET_INVALID / CODE_INVALID / BIND_TICKET_INVALID）',
  403: '无权访问或账号已停用（FORBIDDEN / ACCOUNT_DISABLED / NOT_IN_DIRECTORY）',
  404: '资源不存在或登录方式未启用（NOT_FOUND / PROVIDER_DISABLED）',
  409: '与现有数据冲突（CONFLICT / ALREADY_BOUND）',
  413: '请求体过大（PAYLOAD_TOO_LARGE）',
  415: '不支持的内容类型（BAD_REQUEST）',
  429: '请求过于频繁（RATE_LIMITED），Retry-After 头给出等待秒数',
  500: '服务器内部错误（INTERNAL），不含任何细节',
  503: '服务或外部系统暂不可用（INTERNAL / UPSTREAM_UNAVAILABLE）',
};

/** Error responses for a route's schema: the listed statuses plus 500, which any route can return. */
export function errorResponses(...statuses: number[]): Record<number, typeof ERROR_BODY_REF> {
  const responses: Record<number, typeof ERROR_BODY_REF> = {};
  for (const status of [...statuses, 500]) {
    responses[status] = { ...ERROR_BODY_REF, description: ERROR_DESCRIPTIONS[status] ?? '错误' };
  }
  return responses;
}

/** Routes that carry this need a bearer token; the auth plugin enforces it from the schema. */
export const BEARER_AUTH = [{ bearerAuth: [] as string[] }];

export const NO_CONTENT = Type.Null({ description: '无内容' });
