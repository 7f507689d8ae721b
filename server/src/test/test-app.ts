/**
 * Builds the real app for a test file against a fresh database: a temporary SQLite file, or,
 * when TEST_DATABASE_URL is set, a freshly created PostgreSQL schema dropped afterwards.
 * Log lines are captured so tests can assert on what the server writes down.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { Client } from 'pg';
import type { LoginResult } from '../../../types/auth';
import { buildApp } from '../app';
import { readVersion, type AppConfig } from '../config';
import type { DialectName } from '../db/dialect';
import { loadIntegrationsConfig, type UnifiedIdp } from '../integrations/config';
import type { Upstreams } from '../modules/identity/upstreams';

export const TEST_DIALECTS: DialectName[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
export const TEST_STUDENTS = 50;

export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

export interface TestApp {
  app: FastifyInstance;
  config: AppConfig;
  logs: LogCapture;
  dialect: DialectName;
  /** with stand-ins: where the app listens (http://127.0.0.1:<port>) */
  baseUrl: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  config?: Partial<AppConfig>;
  /** skip app.ready(): for tests that add routes or hooks first */
  ready?: boolean;
  /** use this database (another test app's) instead of a fresh one; it is not dropped on close */
  database?: AppConfig['database'];
  /**
   * mount the stand-ins (CAS, OIDC, WeChat, DingTalk, SMS) and listen on an ephemeral port, with
   * PUBLIC_BASE_URL at that address: the server reaches the stand-ins over real HTTP
   */
  standIns?: { unified?: UnifiedIdp; env?: NodeJS.ProcessEnv };
  /** fake integration clients instead of the configured ones */
  upstreams?: Upstreams;
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface TestDatabase {
  database: AppConfig['database'];
  drop(): Promise<void>;
}

/**
 * Test files share one PostgreSQL database, each in its own schema. Kysely's migrator lists the
 * tables of every schema, and that catalog query fails ("could not open relation") when another
 * file drops its schema at the same moment. So migrating takes a shared advisory lock and dropping
 * an exclusive one: migrations run side by side, a drop waits for them. SQLite needs none of this.
 */
export async function withSchemaDdlLock<T>(mode: 'shared' | 'exclusive', work: () => Promise<T>): Promise<T> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return work();
  const client = new Client({ connectionString: url });
  await client.connect();
  const suffix = mode === 'shared' ? '_shared' : '';
  try {
    await client.query(`select pg_advisory_lock${suffix}(hashtext('zhihui-xiaoyuan:test-schema-ddl'))`);
    return await work();
  } finally {
    // ending the session releases the lock
    await client.end();
  }
}

/** A database nobody else uses: a temp SQLite file or a new PostgreSQL schema. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const run = async (statement: string) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    };
    await run(`create schema ${schema}`);
    return {
      database: { dialect: 'postgres', url, schema },
      drop: () => withSchemaDdlLock('exclusive', () => run(`drop schema if exists ${schema} cascade`)),
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'campus-test-'));
  return {
    database: { dialect: 'sqlite', path: path.join(dir, 'campus.db') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function createTestApp(dialect: DialectName, options: TestAppOptions = {}): Promise<TestApp> {
  const { database, drop } = options.database
    ? { database: options.database, drop: async () => undefined }
    : await createTestDatabase(dialect);
  const port = options.standIns ? await freePort() : 0;
  const baseUrl = options.standIns ? `http://127.0.0.1:${port}` : 'http://127.0.0.1:8080';
  const integrations = options.standIns
    ? loadIntegrationsConfig(
        { STAND_INS: 'on', UNIFIED_IDP: options.standIns.unified ?? 'cas', ...options.standIns.env },
        { selfBaseUrl: baseUrl, production: false },
      )
    : undefined;
  if (integrations && integrations.problems.length > 0) throw new Error(integrations.problems.join('\n'));
  const config: AppConfig = {
    env: 'test',
    port: 0,
    host: '127.0.0.1',
    database,
    h5Dist: path.join(tmpdir(), 'campus-test-no-h5-here'),
    jwtSecret: randomBytes(32).toString('base64url'),
    accessTokenTtlSeconds: 900,
    refreshTokenTtlSeconds: 30 * 86_400,
    dataSecret: randomBytes(32).toString('base64url'),
    publicBaseUrl: baseUrl,
    trustProxy: false,
    // tests log in far more often than people: the per-IP limit has its own tests
    loginIpLimitPerMinute: 100_000,
    integrations: integrations?.config ?? { unified: 'password', standIns: false },
    logLevel: 'info',
    seedStudents: TEST_STUDENTS,
    autoSeed: true,
    bodyLimit: 256 * 1024,
    version: readVersion(),
    ...options.config,
  };
  const logs = new LogCapture();
  const app = buildApp(config, { logStream: logs, ...(options.upstreams ? { upstreams: options.upstreams } : {}) });
  const close = async () => {
    await app.close();
    await drop();
  };
  if (options.ready !== false) {
    try {
      const migrateAndStart = async () => {
        if (options.standIns) await app.listen({ port, host: '127.0.0.1' });
        else await app.ready();
      };
      if (dialect === 'postgres') await withSchemaDdlLock('shared', migrateAndStart);
      else await migrateAndStart();
    } catch (error) {
      await close().catch(() => undefined);
      throw error;
    }
  }
  return { app, config, logs, dialect, baseUrl, close };
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<LoginResult> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  return response.json<LoginResult>();
}

/** The path and query of an absolute URL on the test app (for app.inject). */
export function localPath(url: string): string {
  const parsed = new URL(url, 'http://127.0.0.1');
  return `${parsed.pathname}${parsed.search}`;
}

export function bearer(token: string): InjectOptions['headers'] {
  return { authorization: `Bearer ${token}` };
}
