import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, describeConfig, loadConfig, parseDuration } from './config';

describe('loadConfig', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'campus-config-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env, { rootDir: root });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('has working defaults: SQLite under data/, port 8080, 2 h tokens', () => {
    const config = loadConfig({}, { rootDir: root });
    expect(config).toEqual(
      expect.objectContaining({
        port: 8080,
        host: '0.0.0.0',
        database: { dialect: 'sqlite', path: path.join(root, 'data/campus.db') },
        h5Dist: path.join(root, 'dist/h5'),
        accessTokenTtlSeconds: 7200,
        seedStudents: 3000,
        autoSeed: true,
        logLevel: 'info',
      }),
    );
  });

  it('generates a development JWT secret once and reuses it', () => {
    const first = loadConfig({}, { rootDir: root }).jwtSecret;
    const file = path.join(root, 'data', 'jwt-secret');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(loadConfig({}, { rootDir: root }).jwtSecret).toBe(first);
  });

  it('requires JWT_SECRET in production and never writes one', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringContaining('JWT_SECRET')]);
    expect(existsSync(path.join(root, 'data', 'jwt-secret'))).toBe(false);
    const secret = 's'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret }, { rootDir: root }).jwtSecret).toBe(secret);
  });

  it('explains every bad value, all at once', () => {
    const problems = problemsOf({
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      SEED_STUDENTS: '-5',
      ACCESS_TOKEN_TTL: 'forever',
      JWT_SECRET: 'short',
      DATABASE_URL: 'mysql://root:hunter2@db/campus',
    });
    expect(problems).toHaveLength(6);
    expect(problems).toContain('PORT 必须是 1-65535 之间的整数 / must be an integer in 1-65535 (got "abc")');
    expect(problems.join('\n')).toMatch(/LOG_LEVEL.*loud/);
    expect(problems.join('\n')).toMatch(/SEED_STUDENTS.*-5/);
    expect(problems.join('\n')).toMatch(/ACCESS_TOKEN_TTL.*forever/);
    expect(problems.join('\n')).toMatch(/JWT_SECRET.*32/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL.*mysql:/);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it.each(['0', '65536', '80.5', ' '])('rejects PORT=%p unless blank', (port) => {
    expect(problemsOf({ PORT: port }).length).toBe(port.trim() === '' ? 0 : 1);
  });

  it('selects PostgreSQL from DATABASE_URL and keeps its password out of the summary', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://campus:hunter2@db:5432/campus' }, { rootDir: root });
    expect(config.database).toEqual({ dialect: 'postgres', url: 'postgres://campus:hunter2@db:5432/campus' });
    expect(JSON.stringify(describeConfig(config))).not.toContain('hunter2');
    expect(JSON.stringify(describeConfig(config))).not.toContain(config.jwtSecret);
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }, { rootDir: root }).database.dialect).toBe('sqlite');
  });

  it('parses durations', () => {
    expect(parseDuration('900')).toBe(900);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('2h')).toBe(7200);
    expect(parseDuration('1d')).toBe(86400);
    expect(parseDuration('2 hours')).toBeUndefined();
  });
});
