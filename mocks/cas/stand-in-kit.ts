/**
 * What the five stand-ins share: the demo campus as their user directory, a form-body parser
 * for their own plugin context, a login page, single-use expiring stores and random ids.
 * (It lives beside the CAS stand-in, the first of them; the others import it from here.)
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DEFAULT_STUDENTS, DEMO_PASSWORD, generateCampus } from '../campus';
import type { Campus, CampusPerson } from '../campus/types';

export interface StandInDirectory {
  campus: Campus;
  byNumber(number: string): CampusPerson | undefined;
  byMobile(mobile: string): CampusPerson | undefined;
  collegeName(person: CampusPerson): string | undefined;
}

const directories = new Map<number, StandInDirectory>();

/** The demo campus for `students` students, generated once per size (deterministic, so the same people the server seeds). */
export function campusDirectory(students: number = DEFAULT_STUDENTS): StandInDirectory {
  let directory = directories.get(students);
  if (!directory) {
    const campus = generateCampus({ students });
    const byNumber = new Map(campus.people.map((person) => [person.number, person]));
    const byMobile = new Map(campus.people.map((person) => [person.mobile, person]));
    const colleges = new Map(campus.colleges.map((college) => [college.id, college.name]));
    directory = {
      campus,
      byNumber: (number) => byNumber.get(number),
      byMobile: (mobile) => byMobile.get(mobile),
      collegeName: (person) => (person.collegeId ? colleges.get(person.collegeId) : undefined),
    };
    directories.set(students, directory);
  }
  return directory;
}

export interface DirectoryOptions {
  /** size of the demo campus (default 3000, the server's default seed) */
  students?: number;
  /** or an already built directory, shared between stand-ins */
  directory?: StandInDirectory;
}

export const directoryFrom = (options: DirectoryOptions): StandInDirectory => options.directory ?? campusDirectory(options.students);

/**
 * The identity provider's password check: students and staff (not parents: they have no
 * unified-identity account), active, with the demo password.
 */
export function checkPassword(directory: StandInDirectory, username: unknown, password: unknown): CampusPerson | undefined {
  if (typeof username !== 'string' || typeof password !== 'string') return undefined;
  const person = directory.byNumber(username.trim());
  if (!person || person.kind === 'parent' || person.status !== 'active') return undefined;
  return password === DEMO_PASSWORD ? person : undefined;
}

/** `application/x-www-form-urlencoded` for this plugin context only (the host app accepts JSON only). */
export function registerFormParser(app: FastifyInstance): void {
  if (app.hasContentTypeParser('application/x-www-form-urlencoded')) return;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    const fields: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(text)) if (!(key in fields)) fields[key] = value;
    done(null, fields);
  });
}

/** a request's fields: the form/JSON body, falling back to nothing */
export function bodyFields(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export function queryFields(request: FastifyRequest): Record<string, string | undefined> {
  const query = request.query as Record<string, unknown> | undefined;
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    out[key] = typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
  }
  return out;
}

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The externally visible base URL of this plugin: the option when given, else from the request. */
export function selfUrl(request: FastifyRequest, prefix: string, configured?: string): string {
  if (configured) return configured.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}${prefix}`;
}

export const randomToken = (bytes = 24): string => randomBytes(bytes).toString('base64url');

export const digest = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex');

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

export function escapeXml(value: string): string {
  return escapeHtml(value).replace(/&#39;/g, '&apos;');
}

export function appendQuery(url: string, params: Record<string, string | undefined>): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) parsed.searchParams.append(key, value);
  return parsed.toString();
}

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export interface LoginPageOptions {
  title: string;
  subtitle?: string;
  /** relative form action, e.g. "login" */
  action: string;
  hidden: Record<string, string | undefined>;
  error?: string;
  username?: string;
}

/** A plain, phone-sized 统一身份认证 login page: username + password + hidden protocol fields. */
export function loginPage(options: LoginPageOptions): string {
  const hidden = Object.entries(options.hidden)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(options.title)}</title>
  <style>
    body { font-family: -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; background: #f0f4fa; margin: 0; }
    main { max-width: 360px; margin: 12vh auto; background: #fff; border-radius: 12px; padding: 28px 24px; box-shadow: 0 4px 18px rgba(0,0,0,.08); }
    h1 { font-size: 20px; margin: 0 0 4px; color: #1f3a68; } p.sub { color: #778; margin: 0 0 20px; font-size: 13px; }
    label { display: block; font-size: 14px; color: #334; margin: 14px 0 6px; }
    input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: 10px 12px; font-size: 16px; border: 1px solid #ccd; border-radius: 8px; }
    button { width: 100%; margin-top: 22px; padding: 12px; font-size: 16px; color: #fff; background: #2b6de5; border: 0; border-radius: 8px; }
    .error { color: #c62828; background: #fdecea; padding: 8px 12px; border-radius: 6px; font-size: 14px; }
    .note { color: #99a; font-size: 12px; margin-top: 18px; }
  </style>
</head>
<body>
  <main>
    <h1>${escapeHtml(options.title)}</h1>
    <p class="sub">${escapeHtml(options.subtitle ?? '智慧校园 · 演示用替身系统')}</p>
    ${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ''}
    <form method="post" action="${escapeHtml(options.action)}">
      ${hidden}
      <label for="username">学号 / 工号</label>
      <input id="username" name="username" type="text" autocomplete="username" required value="${escapeHtml(options.username ?? '')}">
      <label for="password">密码</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="submit">登录</button>
    </form>
    <p class="note">演示账号的密码均为 ${escapeHtml(DEMO_PASSWORD)}</p>
  </main>
</body>
</html>`;
}

export function messagePage(title: string, message: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;text-align:center;padding-top:20vh"><h1 style="font-size:20px">${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}

/** Entries that expire, for tickets and codes; `take` removes on read (single use). */
export class ExpiringStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();
  constructor(
    private readonly now: () => number,
    private readonly maxEntries = 100_000,
  ) {}

  set(key: string, value: T, ttlMs: number): void {
    if (this.entries.size >= this.maxEntries) this.sweep();
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  /** the live value, left in place */
  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** the value with its state: removed whatever it was (a single-use ticket dies on any attempt) */
  take(key: string): { value: T; expired: boolean } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    return { value: entry.value, expired: entry.expiresAt <= this.now() };
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

/** a bounded set of recently used single-use values (to tell "used" from "unknown") */
export class RecentSet {
  private readonly values = new Set<string>();
  constructor(private readonly max = 50_000) {}
  add(value: string): void {
    if (this.values.size >= this.max) {
      const oldest = this.values.values().next().value;
      if (oldest !== undefined) this.values.delete(oldest);
    }
    this.values.add(value);
  }
  has(value: string): boolean {
    return this.values.has(value);
  }
}
