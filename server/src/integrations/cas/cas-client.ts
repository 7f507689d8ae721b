/**
 * CAS 3.0 client: the browser login redirect (`/login?service=`), service-ticket validation
 * (`/p3/serviceValidate`, XML) and the REST protocol (`/v1/tickets`) for checking a password
 * when a mini-program user binds their account.
 * https://apereo.github.io/cas/development/protocol/CAS-Protocol-Specification.html
 */
import { XMLParser } from 'fast-xml-parser';
import { createHttp, formBody, unavailable, type HttpDeps } from '../http';
import { IntegrationError } from '../integration-error';

export interface CasPrincipal {
  user: string;
  attributes: Record<string, string | string[]>;
}

export interface CasClient {
  /** where to send the browser: `${baseUrl}/login?service=…` */
  loginUrl(serviceUrl: string): string;
  /** GET /p3/serviceValidate; a failure is IntegrationError 'rejected' with the CAS code (INVALID_TICKET, INVALID_SERVICE…) */
  validateServiceTicket(ticket: string, serviceUrl: string): Promise<CasPrincipal>;
  /** REST: POST /v1/tickets → TGT, POST the TGT with a service → ST, validate the ST; the TGT is deleted afterwards. Wrong password → null */
  verifyPassword(username: string, password: string): Promise<CasPrincipal | null>;
}

export interface CasClientConfig {
  baseUrl: string;
  /**
   * the `service` the REST password check asks a service ticket for; a real CAS must have it in
   * its service registry (CAS_REST_SERVICE). Default: `urn:zhihui-xiaoyuan:password-check`.
   */
  restServiceUrl?: string;
}

export const CAS_DEFAULT_REST_SERVICE = 'urn:zhihui-xiaoyuan:password-check';

const REJECTED_MESSAGE = '统一身份认证票据无效或已使用，请重新登录';
const SERVICE_MESSAGE = '统一身份认证票据与本应用不匹配，请重新登录';
/** codes that mean "this ticket/service is not good": the user retries the login */
const REJECTED_CODES = new Set(['INVALID_TICKET', 'INVALID_TICKET_SPEC', 'INVALID_SERVICE', 'INVALID_REQUEST']);
/** CAS: service tickets begin with ST-; at most 256 characters, URL-safe */
const TICKET = /^ST-[\w.~:=-]{1,253}$/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false, // 学号 like 0123 stay strings
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

export function createCasClient(config: CasClientConfig, deps: HttpDeps = {}): CasClient {
  const base = config.baseUrl.replace(/\/+$/, '');
  const restService = config.restServiceUrl ?? CAS_DEFAULT_REST_SERVICE;
  const http = createHttp('cas', deps);

  function loginUrl(serviceUrl: string): string {
    return `${base}/login?${new URLSearchParams({ service: serviceUrl }).toString()}`;
  }

  async function validateServiceTicket(ticket: string, serviceUrl: string): Promise<CasPrincipal> {
    if (typeof ticket !== 'string' || !TICKET.test(ticket)) {
      throw new IntegrationError('cas', 'rejected', 'INVALID_TICKET_SPEC', REJECTED_MESSAGE);
    }
    const query = new URLSearchParams({ service: serviceUrl, ticket }).toString();
    const { response, body } = await http.text(`${base}/p3/serviceValidate?${query}`, { headers: { accept: 'application/xml, text/xml' } });
    const parsed = parseServiceResponse(body);
    if (!parsed) throw unavailable('cas', response.ok ? 'malformed' : `http_${response.status}`);
    if ('failure' in parsed) {
      const code = parsed.failure;
      if (REJECTED_CODES.has(code)) {
        throw new IntegrationError('cas', 'rejected', code, code === 'INVALID_SERVICE' ? SERVICE_MESSAGE : REJECTED_MESSAGE);
      }
      throw unavailable('cas', code || 'unknown_failure');
    }
    return parsed.principal;
  }

  async function verifyPassword(username: string, password: string): Promise<CasPrincipal | null> {
    if (!username || !password || username.length > 128 || password.length > 256) return null;
    const ticketsUrl = `${base}/v1/tickets`;
    const form = formBody({ username, password });
    const created = await http.request(ticketsUrl, { method: 'POST', body: form.body, headers: { ...form.headers, accept: 'text/plain' } });
    await created.body?.cancel().catch(() => undefined);
    if (created.status === 400 || created.status === 401) return null;
    if (created.status === 403 || created.status === 423) {
      throw new IntegrationError('cas', 'rejected', `http_${created.status}`, '统一身份认证账号已锁定或停用，请联系信息中心');
    }
    if (created.status !== 201) throw unavailable('cas', `http_${created.status}`);
    const location = created.headers.get('location');
    let tgtUrl: URL;
    try {
      tgtUrl = new URL(location ?? '', ticketsUrl);
    } catch {
      throw unavailable('cas', 'malformed');
    }
    // the TGT goes back only to the CAS server itself
    if (!location || tgtUrl.origin !== new URL(ticketsUrl).origin || !/\/v1\/tickets\/[^/]+$/.test(tgtUrl.pathname)) {
      throw unavailable('cas', 'malformed');
    }
    try {
      const serviceForm = formBody({ service: restService });
      const { response, body } = await http.text(tgtUrl.toString(), {
        method: 'POST',
        body: serviceForm.body,
        headers: { ...serviceForm.headers, accept: 'text/plain' },
      });
      if (response.status !== 200) throw unavailable('cas', `http_${response.status}`);
      const serviceTicket = body.trim();
      if (!TICKET.test(serviceTicket)) throw unavailable('cas', 'malformed');
      try {
        return await validateServiceTicket(serviceTicket, restService);
      } catch (error) {
        // a ticket CAS has just issued must validate: anything else is CAS misbehaving
        if (error instanceof IntegrationError && error.kind === 'rejected') throw unavailable('cas', error.upstreamCode);
        throw error;
      }
    } finally {
      await http
        .request(tgtUrl.toString(), { method: 'DELETE' })
        .then((response) => response.body?.cancel())
        .catch(() => undefined);
    }
  }

  return { loginUrl, validateServiceTicket, verifyPassword };
}

type ParsedServiceResponse = { principal: CasPrincipal } | { failure: string };

/** The CAS 3.0 serviceResponse document → principal or failure code; undefined when it is not one. */
export function parseServiceResponse(xml: string): ParsedServiceResponse | undefined {
  // CAS answers never carry a DTD; refusing one rules out entity-expansion tricks
  if (!xml || /<!DOCTYPE|<!ENTITY/i.test(xml)) return undefined;
  let document: Record<string, unknown>;
  try {
    document = parser.parse(xml, true) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const root = asRecord(document.serviceResponse);
  if (!root) return undefined;
  const failureNode = root.authenticationFailure;
  if (failureNode !== undefined) {
    const failure = asRecord(failureNode);
    const code = typeof failure?.['@_code'] === 'string' ? (failure['@_code'] as string).trim() : '';
    return { failure: code };
  }
  const success = asRecord(root.authenticationSuccess);
  if (!success) return undefined;
  const user = text(success.user);
  if (!user) return undefined;
  const attributes: Record<string, string | string[]> = {};
  const attributeNode = asRecord(success.attributes);
  for (const [name, value] of Object.entries(attributeNode ?? {})) {
    if (name.startsWith('@_')) continue;
    if (Array.isArray(value)) {
      const values = value.map(text).filter((item): item is string => item !== undefined);
      if (values.length > 0) attributes[name] = values;
    } else {
      const single = text(value);
      if (single !== undefined) attributes[name] = single;
    }
  }
  return { principal: { user, attributes } };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** an element's text: `<a>x</a>` → 'x'; `<a k="v">x</a>` → 'x'; an empty element → '' */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const record = asRecord(value);
  if (!record) return undefined;
  const inner = record['#text'];
  if (typeof inner === 'string' || typeof inner === 'number') return String(inner);
  return Object.keys(record).every((key) => key.startsWith('@_')) ? '' : undefined;
}
