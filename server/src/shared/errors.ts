import type { ErrorCode, FieldError } from '../../../types/errors';

/**
 * The one error type services throw. The error handler turns it into `{code, message, fields?}`;
 * `message` is Chinese and shown to the user as is, so it never carries internals.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const unauthenticated = (message = '请先登录'): AppError => new AppError(401, 'UNAUTHENTICATED', message);
export const sessionExpired = (): AppError => unauthenticated('登录已失效，请重新登录');
export const forbidden = (message = '没有权限执行此操作'): AppError => new AppError(403, 'FORBIDDEN', message);
export const accountDisabled = (): AppError => new AppError(403, 'ACCOUNT_DISABLED', '账号已停用，请联系管理员');
export const notFound = (message = '资源不存在'): AppError => new AppError(404, 'NOT_FOUND', message);
