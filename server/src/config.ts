/**
 * Configuration comes from environment variables only, validated once at start: a bad value
 * stops the server with one line per problem instead of failing later, somewhere else.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_STUDENTS, MAX_STUDENTS } from '../../mocks/campus/generate-campus';
import { describeIntegrationsConfig, loadIntegrationsConfig, type IntegrationsConfig } from './integrations/config';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type DatabaseConfig =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgres'; url: string; /** a schema to put on the search_path (tests isolate files this way) */ schema?: string };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: DatabaseConfig;
  /** directory of the built H5 app served at / */
  h5Dist: string;
  jwtSecret: string;
  /** ≤ 15 minutes: the access token is the part that cannot be revoked before it expires on its own */
  accessTokenTtlSeconds: number;
  /** refresh tokens (and sessions) expire this long after their last use */
  refreshTokenTtlSeconds: number;
  /** keys for data encrypted or keyed-hashed at rest (WeChat session_key, SMS codes); JWT_SECRET when unset */
  dataSecret: string;
  /** how browsers reach this server: CAS service / OIDC redirect_uri base; no trailing slash */
  publicBaseUrl: string;
  /** login attempts per client IP and minute, across every login endpoint (a campus NAT may need more) */
  loginIpLimitPerMinute: number;
  /** behind a reverse proxy: take the client address from X-Forwarded-For (per-IP rate limits) */
  trustProxy: boolean;
  /** CAS / OIDC / WeChat / DingTalk / SMS, and whether the stand-ins are mounted */
  integrations: IntegrationsConfig;
  logLevel: LogLevel;
  /** seed a demo campus of this many students when the database has no people */
  seedStudents: number;
  autoSeed: boolean;
  /** largest accepted request body in bytes; JSON APIs need little, uploads get their own route */
  bodyLimit: number;
  version: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误 / invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_ACCESS_TOKEN_TTL = '15m';
const MAX_ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const DEFAULT_REFRESH_TOKEN_TTL = '30d';
const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

export function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** `2h`, `15m`, `900` (seconds) → seconds */
export function parseDuration(value: string): number | undefined {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * TTL_UNITS[match[2] || 's']!;
}

export interface LoadConfigOptions {
  /** where relative paths and data/jwt-secret live; the repository root by default */
  rootDir?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): AppConfig {
  const rootDir = options.rootDir ?? REPO_ROOT;
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} 必须是 ${min}-${max} 之间的整数 / must be an integer in ${min}-${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} 必须是 ${allowed.join(' | ')} 之一 / must be one of them (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };
  const resolvePath = (value: string): string => (path.isAbsolute(value) ? value : path.resolve(rootDir, value));

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = integer('PORT', 8080, 1, 65535);
  const host = read('HOST') ?? '0.0.0.0';
  const logLevel = oneOf('LOG_LEVEL', LOG_LEVELS, 'info');
  const seedStudents = integer('SEED_STUDENTS', DEFAULT_STUDENTS, 1, MAX_STUDENTS);
  const autoSeed = oneOf('AUTO_SEED', ['true', 'false', '1', '0'] as const, 'true');
  const bodyLimit = integer('BODY_LIMIT', 256 * 1024, 1024, 50 * 1024 * 1024);

  const ttlRaw = read('ACCESS_TOKEN_TTL') ?? DEFAULT_ACCESS_TOKEN_TTL;
  let accessTokenTtlSeconds = parseDuration(ttlRaw);
  if (accessTokenTtlSeconds === undefined || accessTokenTtlSeconds < 60 || accessTokenTtlSeconds > MAX_ACCESS_TOKEN_TTL_SECONDS) {
    problems.push(
      `ACCESS_TOKEN_TTL 必须是 60 秒到 15 分钟之间的时长，如 900、15m、5m / must be a duration between 60s and 15m (got "${ttlRaw}")`,
    );
    accessTokenTtlSeconds = parseDuration(DEFAULT_ACCESS_TOKEN_TTL)!;
  }
  const refreshRaw = read('REFRESH_TOKEN_TTL') ?? DEFAULT_REFRESH_TOKEN_TTL;
  let refreshTokenTtlSeconds = parseDuration(refreshRaw);
  if (refreshTokenTtlSeconds === undefined || refreshTokenTtlSeconds < 3600 || refreshTokenTtlSeconds > 180 * 86_400) {
    problems.push(
      `REFRESH_TOKEN_TTL 必须是 1 小时到 180 天之间的时长，如 12h、30d / must be a duration between 1h and 180d (got "${refreshRaw}")`,
    );
    refreshTokenTtlSeconds = parseDuration(DEFAULT_REFRESH_TOKEN_TTL)!;
  }

  const loginIpLimitPerMinute = integer('LOGIN_IP_LIMIT', 30, 1, 100_000);
  const trustProxy = oneOf('TRUST_PROXY', ['true', 'false', '1', '0'] as const, 'false');
  const publicBaseUrl = parsePublicBaseUrl(read('PUBLIC_BASE_URL'), port, nodeEnv === 'production', problems);
  const dataSecret = read('DATA_ENCRYPTION_KEY');
  if (dataSecret !== undefined && dataSecret.length < 32) {
    problems.push(`DATA_ENCRYPTION_KEY 至少需要 32 个字符 / must be at least 32 characters (got ${dataSecret.length})`);
  }
  const integrations = loadIntegrationsConfig(env, { selfBaseUrl: publicBaseUrl, production: nodeEnv === 'production' });
  problems.push(...integrations.problems);
  if (nodeEnv === 'production' && read('PUBLIC_BASE_URL') === undefined && integrations.config.unified !== 'password') {
    problems.push(
      `UNIFIED_IDP=${integrations.config.unified} 在生产环境需要设置 PUBLIC_BASE_URL（浏览器访问本服务的 https 地址，用作回调地址）/ PUBLIC_BASE_URL is required in production for CAS / OIDC callbacks`,
    );
  }

  let database: DatabaseConfig;
  const databaseUrl = read('DATABASE_URL');
  const schema = read('DATABASE_SCHEMA');
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    problems.push(`DATABASE_SCHEMA 只能包含小写字母、数字和下划线 / must be a plain lower-case identifier (got "${schema}")`);
  }
  if (databaseUrl === undefined) {
    database = { dialect: 'sqlite', path: read('SQLITE_PATH') === ':memory:' ? ':memory:' : resolvePath(read('SQLITE_PATH') ?? 'data/campus.db') };
  } else if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    database = { dialect: 'postgres', url: databaseUrl, ...(schema ? { schema } : {}) };
  } else {
    // only the scheme is echoed: the rest of a URL may hold a password
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(databaseUrl)?.[0] ?? '(无协议)';
    problems.push(
      `DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头，不设置则使用 SQLite / must be a PostgreSQL URL or unset (got a "${scheme}" URL)`,
    );
    database = { dialect: 'sqlite', path: resolvePath('data/campus.db') };
  }

  let jwtSecret = read('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push(`JWT_SECRET 至少需要 32 个字符 / must be at least 32 characters (got ${jwtSecret.length})`);
  }
  if (jwtSecret === undefined && nodeEnv === 'production') {
    problems.push('生产环境 (NODE_ENV=production) 必须设置 JWT_SECRET（至少 32 个字符）/ JWT_SECRET is required in production');
  }

  if (problems.length > 0) throw new ConfigError(problems);

  if (jwtSecret === undefined) jwtSecret = developmentJwtSecret(path.join(rootDir, 'data', 'jwt-secret'));

  return {
    env: nodeEnv,
    port,
    host,
    database,
    h5Dist: resolvePath(read('H5_DIST') ?? 'dist/h5'),
    jwtSecret,
    accessTokenTtlSeconds,
    refreshTokenTtlSeconds,
    dataSecret: dataSecret ?? jwtSecret,
    publicBaseUrl,
    trustProxy: trustProxy === 'true' || trustProxy === '1',
    loginIpLimitPerMinute,
    integrations: integrations.config,
    logLevel,
    seedStudents,
    autoSeed: autoSeed === 'true' || autoSeed === '1',
    bodyLimit,
    version: readVersion(),
  };
}

/** An http(s) origin (optionally with a path prefix), no trailing slash; https in production. */
function parsePublicBaseUrl(raw: string | undefined, port: number, production: boolean, problems: string[]): string {
  const fallback = `http://localhost:${port}`;
  if (raw === undefined) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    problems.push(`PUBLIC_BASE_URL 必须是 http:// 或 https:// 开头的网址 / must be an http(s) URL (got "${raw.slice(0, 80)}")`);
    return fallback;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.username || parsed.password || parsed.search || parsed.hash) {
    problems.push('PUBLIC_BASE_URL 必须是不带用户名、查询参数或 # 的 http(s) 网址 / must be a plain http(s) URL');
    return fallback;
  }
  if (production && parsed.protocol !== 'https:') {
    problems.push('PUBLIC_BASE_URL 在生产环境必须使用 https:// / must use https in production');
  }
  return raw.replace(/\/+$/, '');
}

/**
 * Outside production a secret is generated once and kept on disk, so a restart does not log
 * everybody out; production must bring its own (several processes have to share it).
 */
function developmentJwtSecret(file: string): string {
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** A summary fit for the start-up log: no secrets, no database password. */
export function describeConfig(config: AppConfig): Record<string, unknown> {
  return {
    env: config.env,
    port: config.port,
    host: config.host,
    database:
      config.database.dialect === 'sqlite'
        ? { dialect: 'sqlite', path: config.database.path }
        : { dialect: 'postgres', url: redactUrl(config.database.url), schema: config.database.schema },
    h5Dist: config.h5Dist,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
    publicBaseUrl: config.publicBaseUrl,
    trustProxy: config.trustProxy,
    loginIpLimitPerMinute: config.loginIpLimitPerMinute,
    integrations: describeIntegrationsConfig(config.integrations),
    autoSeed: config.autoSeed,
    seedStudents: config.seedStudents,
    version: config.version,
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
