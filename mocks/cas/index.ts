/**
 * Stand-in for the school's CAS server (Apereo CAS speaks this): CAS 3.0 browser login with
 * service tickets validated once, the REST protocol for password checks, logout. Users are the
 * demo campus (students and staff, password DEMO_PASSWORD). State is in memory.
 * https://apereo.github.io/cas/development/protocol/CAS-Protocol-Specification.html
 *
 *   GET  /login?service=URL                → HTML login form (统一身份认证)
 *   POST /login (form username, password, service) → 302 service?ticket=ST-…  (401 form on a bad password)
 *   GET  /p3/serviceValidate?service=&ticket= → CAS 3.0 XML (also /serviceValidate, and /validate for CAS 1)
 *   POST /v1/tickets (form username, password) → 201 Location …/v1/tickets/TGT-…, or 401
 *   POST /v1/tickets/{TGT} (form service)  → 200 text/plain ST-…
 *   GET | DELETE /v1/tickets/{TGT}
 *   GET  /logout?service=
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { CampusPerson } from '../campus/types';
import {
  bodyFields,
  checkPassword,
  directoryFrom,
  escapeXml,
  ExpiringStore,
  loginPage,
  messagePage,
  queryFields,
  randomToken,
  registerFormParser,
  selfUrl,
  str,
  type DirectoryOptions,
  type StandInDirectory,
} from './stand-in-kit';

export interface CasStandInOptions extends DirectoryOptions {
  /** the externally visible URL of this stand-in (…/cas), or a function read per request; default: from each request's host */
  baseUrl?: string | (() => string);
  /** service tickets live this long (default 5 min; the spec recommends ≤ 5 min) */
  ticketTtlMs?: number;
  /** ticket-granting tickets of the REST protocol (default 2 h) */
  tgtTtlMs?: number;
  now?: () => number;
}

interface ServiceTicket {
  number: string;
  service: string;
}

const XML_TYPE = 'application/xml; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

/** a CAS `service` parameter: an absolute http(s) URL, or a urn: (REST clients use those) */
function isService(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return false;
  if (/^urn:[\w.:-]+$/i.test(value)) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function casAttributes(directory: StandInDirectory, person: CampusPerson): Record<string, string | string[]> {
  const attributes: Record<string, string | string[]> = {
    name: person.name,
    userType: person.kind === 'student' ? 'student' : 'staff',
    department: person.department ?? directory.collegeName(person) ?? '',
    gender: person.gender,
    mobile: person.mobile,
  };
  if (person.kind === 'student') {
    attributes.studentNumber = person.number;
    if (person.classId) attributes.classId = person.classId;
    attributes.eduPersonAffiliation = ['student', 'member'];
  } else {
    attributes.employeeNumber = person.number;
    attributes.eduPersonAffiliation = person.roles.includes('teacher') || person.roles.includes('counselor') ? ['faculty', 'staff', 'member'] : ['staff', 'member'];
  }
  return attributes;
}

export function casSuccessXml(user: string, attributes: Record<string, string | string[]>): string {
  const lines = Object.entries(attributes).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((item) => `      <cas:${name}>${escapeXml(item)}</cas:${name}>`),
  );
  return `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationSuccess>
    <cas:user>${escapeXml(user)}</cas:user>
    <cas:attributes>
${lines.join('\n')}
    </cas:attributes>
  </cas:authenticationSuccess>
</cas:serviceResponse>
`;
}

export function casFailureXml(code: string, message: string): string {
  return `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationFailure code="${escapeXml(code)}">${escapeXml(message)}</cas:authenticationFailure>
</cas:serviceResponse>
`;
}

export async function casStandIn(app: FastifyInstance, options: CasStandInOptions): Promise<void> {
  const directory = directoryFrom(options);
  const now = options.now ?? Date.now;
  const ticketTtl = options.ticketTtlMs ?? 5 * 60_000;
  const tgtTtl = options.tgtTtlMs ?? 2 * 3600_000;
  const serviceTickets = new ExpiringStore<ServiceTicket>(now);
  const grantingTickets = new ExpiringStore<{ number: string }>(now);
  const prefix = app.prefix;

  registerFormParser(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'CAS stand-in error');
    if (/serviceValidate/.test(request.url)) return reply.code(status).type(XML_TYPE).send(casFailureXml('INTERNAL_ERROR', 'Internal error'));
    return reply.code(status).type(TEXT_TYPE).send(status >= 500 ? 'Internal error' : 'Bad request');
  });

  function issueServiceTicket(number: string, service: string): string {
    const ticket = `ST-${randomToken(24)}`;
    serviceTickets.set(ticket, { number, service }, ticketTtl);
    return ticket;
  }

  const sendLoginPage = (reply: FastifyReply, status: number, service: string | undefined, error?: string, username?: string) =>
    reply
      .code(status)
      .type(HTML_TYPE)
      .header('cache-control', 'no-store')
      .send(loginPage({ title: '统一身份认证', subtitle: '智慧校园 · CAS 演示替身', action: 'login', hidden: { service }, error, username }));

  app.get('/login', { schema: { hide: true } }, async (request, reply) => {
    const { service } = queryFields(request);
    if (service !== undefined && !isService(service)) return reply.code(400).type(HTML_TYPE).send(messagePage('统一身份认证', '应用地址（service）无效'));
    return sendLoginPage(reply, 200, service);
  });

  app.post('/login', { schema: { hide: true } }, async (request, reply) => {
    const fields = bodyFields(request);
    const service = str(fields.service) || queryFields(request).service || undefined;
    if (service !== undefined && !isService(service)) return reply.code(400).type(HTML_TYPE).send(messagePage('统一身份认证', '应用地址（service）无效'));
    const person = checkPassword(directory, fields.username, fields.password);
    if (!person) return sendLoginPage(reply, 401, service, '用户名或密码错误', str(fields.username));
    if (!service) return reply.type(HTML_TYPE).send(messagePage('登录成功', `${person.name}，您已登录统一身份认证`));
    const ticket = issueServiceTicket(person.number, service);
    return reply.code(302).header('cache-control', 'no-store').header('location', appendServiceTicket(service, ticket)).send();
  });

  async function serviceValidate(request: { query: unknown }, reply: FastifyReply) {
    const { service, ticket } = queryFields(request as never);
    reply.type(XML_TYPE).header('cache-control', 'no-store');
    if (!service || !ticket) return reply.send(casFailureXml('INVALID_REQUEST', 'Both service and ticket parameters are required'));
    // any validation attempt consumes the ticket (spec §3.1.1), successful or not
    const entry = serviceTickets.take(ticket);
    if (!entry || entry.expired) return reply.send(casFailureXml('INVALID_TICKET', `Ticket '${ticket.slice(0, 64)}' not recognized`));
    if (entry.value.service !== service) return reply.send(casFailureXml('INVALID_SERVICE', `Ticket '${ticket.slice(0, 64)}' does not match supplied service`));
    const person = directory.byNumber(entry.value.number);
    if (!person) return reply.send(casFailureXml('INTERNAL_ERROR', 'Principal is gone'));
    return reply.send(casSuccessXml(person.number, casAttributes(directory, person)));
  }

  app.get('/p3/serviceValidate', { schema: { hide: true } }, serviceValidate);
  app.get('/serviceValidate', { schema: { hide: true } }, serviceValidate);
  app.get('/validate', { schema: { hide: true } }, async (request, reply) => {
    const { service, ticket } = queryFields(request);
    const entry = ticket ? serviceTickets.take(ticket) : undefined;
    reply.type(TEXT_TYPE);
    if (!entry || entry.expired || entry.value.service !== service) return reply.send('no\n\n');
    return reply.send(`yes\n${entry.value.number}\n`);
  });

  // --- REST protocol -----------------------------------------------------------------------
  app.post('/v1/tickets', { schema: { hide: true } }, async (request, reply) => {
    const fields = bodyFields(request);
    if (typeof fields.username !== 'string' || typeof fields.password !== 'string') {
      return reply.code(400).type(TEXT_TYPE).send('username and password are required');
    }
    const person = checkPassword(directory, fields.username, fields.password);
    if (!person) return reply.code(401).type(TEXT_TYPE).send('Authentication failed');
    const tgt = `TGT-${randomToken(32)}`;
    grantingTickets.set(tgt, { number: person.number }, tgtTtl);
    const configured = typeof options.baseUrl === 'function' ? options.baseUrl() : options.baseUrl;
    const location = `${selfUrl(request, prefix, configured)}/v1/tickets/${tgt}`;
    return reply.code(201).header('location', location).type(TEXT_TYPE).send(tgt);
  });

  app.post('/v1/tickets/:tgt', { schema: { hide: true } }, async (request, reply) => {
    const { tgt } = request.params as { tgt: string };
    const granting = grantingTickets.get(tgt);
    if (!granting) return reply.code(404).type(TEXT_TYPE).send(`TicketGrantingTicket could not be found`);
    const service = str(bodyFields(request).service);
    if (!isService(service)) return reply.code(400).type(TEXT_TYPE).send('service is required');
    return reply.type(TEXT_TYPE).send(issueServiceTicket(granting.number, service));
  });

  app.get('/v1/tickets/:tgt', { schema: { hide: true } }, async (request, reply) => {
    const { tgt } = request.params as { tgt: string };
    if (!grantingTickets.get(tgt)) return reply.code(404).type(TEXT_TYPE).send('TicketGrantingTicket could not be found');
    return reply.type(TEXT_TYPE).send(tgt);
  });

  app.delete('/v1/tickets/:tgt', { schema: { hide: true } }, async (request, reply) => {
    const { tgt } = request.params as { tgt: string };
    grantingTickets.delete(tgt);
    return reply.type(TEXT_TYPE).send(tgt);
  });

  app.get('/logout', { schema: { hide: true } }, async (request, reply) => {
    const { service } = queryFields(request);
    if (service && isService(service) && !service.startsWith('urn:')) return reply.code(302).header('location', service).send();
    return reply.type(HTML_TYPE).send(messagePage('已退出统一身份认证', '为了安全，请关闭浏览器'));
  });
}

/** `service` with `ticket=` appended: `?` or `&` as the URL needs */
export function appendServiceTicket(service: string, ticket: string): string {
  const hashAt = service.indexOf('#');
  const [base, fragment] = hashAt === -1 ? [service, ''] : [service.slice(0, hashAt), service.slice(hashAt)];
  return `${base}${base.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}${fragment}`;
}
