// Browser journeys against the real server serving the production H5 build (npm test builds it first).
// The server runs on its own port with a throwaway SQLite file, seeded with a small demo campus.
// A deployment has one unified identity at a time: the main server uses CAS (the stand-ins'
// default), a second one on the next port uses OIDC (e2e/identity.spec.ts).
import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.env.E2E_PORT ?? 18080);
const oidcPort = port + 1;
const dataDir = mkdtempSync(join(tmpdir(), 'campus-e2e-'));

/** One campus server with the stand-ins mounted under /mock; the origin the browser uses is its public address. */
function campusServer(serverPort: number, name: string, env: Record<string, string> = {}) {
  return {
    command: 'node node_modules/.bin/tsx server/src/main.ts',
    url: `http://127.0.0.1:${serverPort}/api/health`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: {
      PORT: String(serverPort),
      HOST: '127.0.0.1',
      // CAS / OIDC send the browser back here: the same origin the tests open, or the session
      // would be stored for localhost while the test looks at 127.0.0.1.
      PUBLIC_BASE_URL: `http://127.0.0.1:${serverPort}`,
      SQLITE_PATH: join(dataDir, `${name}.db`),
      H5_DIST: 'dist/h5',
      SEED_STUDENTS: '200',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...env,
    },
  };
}

export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    ...devices['iPhone 13'],
    // iPhone 13 preset is webkit; we drive Debian's Chromium with the same phone viewport.
    browserName: 'chromium',
    viewport: { width: 375, height: 812 },
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  webServer: [campusServer(port, 'campus', { UNIFIED_IDP: 'cas' }), campusServer(oidcPort, 'campus-oidc', { UNIFIED_IDP: 'oidc' })],
});
