/**
 * The one way integration clients talk HTTP: global fetch with a timeout, and every network
 * failure, timeout or unreadable body turned into an IntegrationError 'unavailable' whose
 * message is safe for users and logs (no URL — query strings carry secrets — and no body).
 */
import { IntegrationError, type IntegrationSystem } from './integration-error';

export const DEFAULT_TIMEOUT_MS = 5000;

export interface HttpDeps {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export const UNAVAILABLE_MESSAGES: Record<IntegrationSystem, string> = {
  cas: '统一身份认证暂时无法访问，请稍后重试',
  oidc: '统一身份认证暂时无法访问，请稍后重试',
  wechat: '微信服务暂时无法访问，请稍后重试',
  dingtalk: '钉钉服务暂时无法访问，请稍后重试',
  sms: '短信服务暂时不可用，请稍后重试',
};

export function unavailable(system: IntegrationSystem, upstreamCode: string, cause?: unknown): IntegrationError {
  return new IntegrationError(system, 'unavailable', upstreamCode, UNAVAILABLE_MESSAGES[system], cause === undefined ? undefined : { cause });
}

export interface HttpClient {
  /** fetch with the timeout; network errors and timeouts → IntegrationError unavailable */
  request(url: string, init?: RequestInit): Promise<Response>;
  /** request, then the body as JSON; a non-JSON body → unavailable 'malformed' */
  json<T = unknown>(url: string, init?: RequestInit): Promise<{ response: Response; body: T }>;
  text(url: string, init?: RequestInit): Promise<{ response: Response; body: string }>;
}

export function createHttp(system: IntegrationSystem, deps: HttpDeps = {}): HttpClient {
  const doFetch = deps.fetch ?? globalThis.fetch;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function request(url: string, init: RequestInit = {}): Promise<Response> {
    const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    try {
      return await doFetch(url, { redirect: 'manual', ...init, signal });
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      // the cause is a bare Error without the URL: undici's errors can quote the request URL
      const code = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network';
      throw unavailable(system, code, new Error(`${system} request failed: ${code}${causeCode(error)}`));
    }
  }

  async function text(url: string, init?: RequestInit): Promise<{ response: Response; body: string }> {
    const response = await request(url, init);
    try {
      return { response, body: await response.text() };
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      throw unavailable(system, name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network');
    }
  }

  async function json<T>(url: string, init?: RequestInit): Promise<{ response: Response; body: T }> {
    const { response, body } = await text(url, init);
    try {
      return { response, body: JSON.parse(body) as T };
    } catch {
      throw unavailable(system, response.ok ? 'malformed' : `http_${response.status}`);
    }
  }

  return { request, json, text };
}

function causeCode(error: unknown): string {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ` (${code})` : '';
}

export const formBody = (fields: Record<string, string>): { body: string; headers: Record<string, string> } => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
