/**
 * The one error handler and the one not-found handler. Every failure leaves as
 * `{code, message, fields?}` with a Chinese message; a 5xx never says more than
 * "服务器开小差了" (the details go to the log, with the request id).
 */
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorBodySchema } from '../../../../types/api';
import type { ApiErrorBody, FieldError } from '../../../../types/errors';
import { AppError } from '../../shared/errors';
import { RateLimitedError } from '../../shared/rate-limit';
import { sendSpaFallback } from './h5';

const INTERNAL: ApiErrorBody = { code: 'INTERNAL', message: '服务器开小差了，请稍后重试' };

const TYPE_LABELS: Record<string, string> = {
  string: '字符串',
  integer: '整数',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: 'null',
};

function describeValidationError(error: FastifySchemaValidationError): FieldError {
  const params = error.params as Record<string, unknown>;
  const at = (child?: unknown) => (child === undefined ? error.instancePath || '/' : `${error.instancePath}/${String(child)}`);
  switch (error.keyword) {
    case 'required':
      return { field: at(params.missingProperty), message: '必填' };
    case 'additionalProperties':
      return { field: at(params.additionalProperty), message: '不允许的字段' };
    case 'type': {
      const expected = String(params.type)
        .split(',')
        .map((type) => TYPE_LABELS[type] ?? type)
        .join('或');
      return { field: at(), message: `应为${expected}` };
    }
    case 'minLength':
      return { field: at(), message: Number(params.limit) <= 1 ? '不能为空' : `长度不能少于 ${String(params.limit)} 个字符` };
    case 'maxLength':
      return { field: at(), message: `长度不能超过 ${String(params.limit)} 个字符` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { field: at(), message: `不能小于 ${String(params.limit)}` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { field: at(), message: `不能大于 ${String(params.limit)}` };
    case 'minItems':
      return { field: at(), message: `至少需要 ${String(params.limit)} 项` };
    case 'maxItems':
      return { field: at(), message: `最多 ${String(params.limit)} 项` };
    case 'const':
    case 'enum':
    case 'anyOf':
    case 'oneOf':
      return { field: at(), message: '取值不在允许范围内' };
    case 'pattern':
    case 'format':
      return { field: at(), message: '格式不正确' };
    default:
      return { field: at(), message: '取值不正确' };
  }
}

/** One entry per field; a union's per-branch complaints collapse into its summary. */
export function toFieldErrors(errors: FastifySchemaValidationError[]): FieldError[] {
  const byField = new Map<string, { error: FieldError; isUnion: boolean }>();
  for (const error of errors) {
    const described = describeValidationError(error);
    const isUnion = error.keyword === 'anyOf' || error.keyword === 'oneOf';
    const existing = byField.get(described.field);
    if (!existing || (isUnion && !existing.isUnion)) byField.set(described.field, { error: described, isUnion });
  }
  return [...byField.values()].map((entry) => entry.error);
}

function frameworkError(error: FastifyError): { status: number; body: ApiErrorBody } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: { code: 'BAD_REQUEST', message: '请求体不是合法的 JSON' } };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { code: 'BAD_REQUEST', message: '请求体不能为空' } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: { code: 'BAD_REQUEST', message: '不支持的请求内容类型，请使用 application/json' } };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' } };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: { code: 'BAD_REQUEST', message: '请求体长度与 Content-Length 不符' } };
    default:
      break;
  }
  const status = error.statusCode ?? 500;
  if (status < 400 || status >= 500) return undefined;
  if (status === 404) return { status, body: { code: 'NOT_FOUND', message: '资源不存在' } };
  if (status === 413) return { status, body: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' } };
  if (status === 415) return { status, body: { code: 'BAD_REQUEST', message: '不支持的请求内容类型，请使用 application/json' } };
  if (status === 429) return { status, body: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' } };
  return { status, body: { code: 'BAD_REQUEST', message: '请求不正确' } };
}

export function sendError(reply: FastifyReply, status: number, body: ApiErrorBody): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

export const errorsPlugin = fp(
  async (app) => {
    app.addSchema(ErrorBodySchema);

    app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof AppError) {
        request.log.info({ code: error.code, status: error.status }, 'request refused');
        if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfter));
        const body: ApiErrorBody = { code: error.code, message: error.message };
        if (error.fields?.length) body.fields = error.fields;
        return sendError(reply, error.status, body);
      }
      if (error.validation) {
        const fields = toFieldErrors(error.validation);
        request.log.info({ code: 'VALIDATION_FAILED', in: error.validationContext, fields }, 'request refused');
        return sendError(reply, 400, { code: 'VALIDATION_FAILED', message: '请求参数不正确', fields });
      }
      const mapped = frameworkError(error);
      if (mapped) {
        request.log.info({ code: mapped.body.code, status: mapped.status, reason: error.code }, 'request refused');
        return sendError(reply, mapped.status, mapped.body);
      }
      request.log.error({ err: error }, 'unhandled error');
      return sendError(reply, 500, INTERNAL);
    });

    app.setNotFoundHandler(async (request, reply) => {
      if (!isApiPath(request.url) && (request.method === 'GET' || request.method === 'HEAD')) {
        if (sendSpaFallback(app, request, reply)) return reply;
      }
      return sendError(reply, 404, {
        code: 'NOT_FOUND',
        message: isApiPath(request.url) ? '接口不存在' : '页面不存在',
      });
    });
  },
  { name: 'errors' },
);

/** For Fastify's own pre-routing failures (malformed URL), which bypass the error handler. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  request.log.info({ reason: error.code }, 'request refused');
  void sendError(reply, 400, { code: 'BAD_REQUEST', message: '请求地址不正确' });
}
