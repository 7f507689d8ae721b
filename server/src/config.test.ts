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

  it('has working defaults: SQLite under data/, port 8080, 15 min access tokens, 30 d refresh tokens', () => {
    const config = loadConfig({}, { rootDir: root });
    expect(config).toEqual(
      expect.objectContaining({
        port: 8080,
        host: '0.0.0.0',
        database: { dialect: 'sqlite', path: path.join(root, 'data/campus.db') },
        h5Dist: path.join(root, 'dist/h5'),
        accessTokenTtlSeconds: 900,
        refreshTokenTtlSeconds: 30 * 86_400,
        publicBaseUrl: 'http://localhost:8080',
        trustProxy: false,
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

  it('caps access tokens at 15 minutes and bounds refresh tokens', () => {
    expect(loadConfig({ ACCESS_TOKEN_TTL: '5m', REFRESH_TOKEN_TTL: '7d' }, { rootDir: root })).toEqual(
      expect.objectContaining({ accessTokenTtlSeconds: 300, refreshTokenTtlSeconds: 7 * 86_400 }),
    );
    expect(problemsOf({ ACCESS_TOKEN_TTL: '2h' })).toEqual([expect.stringMatching(/ACCESS_TOKEN_TTL.*15/)]);
    expect(problemsOf({ ACCESS_TOKEN_TTL: '30' })).toHaveLength(1);
    expect(problemsOf({ REFRESH_TOKEN_TTL: '10m' })).toEqual([expect.stringMatching(/REFRESH_TOKEN_TTL/)]);
  });

  it('takes PUBLIC_BASE_URL without a trailing slash and refuses anything but http(s)', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://campus.example.edu.cn/' }, { rootDir: root }).publicBaseUrl).toBe(
      'https://campus.example.edu.cn',
    );
    expect(loadConfig({ PORT: '9000' }, { rootDir: root }).publicBaseUrl).toBe('http://localhost:9000');
    expect(problemsOf({ PUBLIC_BASE_URL: 'javascript:alert(1)' })).toEqual([expect.stringMatching(/PUBLIC_BASE_URL/)]);
    expect(problemsOf({ PUBLIC_BASE_URL: 'https://campus.example.edu.cn/?x=1' })).toHaveLength(1);
  });

  it('puts the integrations on the config: stand-ins outside production, CAS as the demo unified identity', () => {
    const config = loadConfig({ PORT: '9100' }, { rootDir: root });
    expect(config.integrations).toEqual(
      expect.objectContaining({ unified: 'cas', standIns: true, cas: { baseUrl: 'http://localhost:9100/mock/cas' } }),
    );
    expect(config.dataSecret).toBe(config.jwtSecret);
    const summary = JSON.stringify(describeConfig(config));
    expect(summary).not.toContain(config.integrations.wechat!.appSecret);
    expect(summary).not.toContain(config.integrations.dingtalk!.appSecret);
  });

  it('merges the integrations problems and needs PUBLIC_BASE_URL for CAS in production', () => {
    const base = { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40) };
    expect(problemsOf({ ...base, STAND_INS: 'on' })).toEqual([expect.stringContaining('STAND_INS')]);
    expect(problemsOf({ ...base, CAS_BASE_URL: 'https://cas.example.edu.cn/cas' })).toEqual([
      expect.stringContaining('PUBLIC_BASE_URL'),
    ]);
    const config = loadConfig(
      { ...base, CAS_BASE_URL: 'https://cas.example.edu.cn/cas', PUBLIC_BASE_URL: 'https://campus.example.edu.cn' },
      { rootDir: root },
    );
    expect(config.integrations).toEqual({ unified: 'cas', standIns: false, cas: { baseUrl: 'https://cas.example.edu.cn/cas' } });
    expect(problemsOf({ DATA_ENCRYPTION_KEY: 'short' })).toEqual([expect.stringContaining('DATA_ENCRYPTION_KEY')]);
  });
});
