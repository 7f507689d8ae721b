#!/usr/bin/env node
// `npm test`: the whole suite, in the order that fails fastest.
//   lint → typecheck (client, server, browser tests) → unit + server tests (jest; PostgreSQL too when TEST_DATABASE_URL is set)
//   → production builds of h5, weapp, dd → mini-program boot + size budget tests → browser tests.
// Flags: --no-build reuses dist/ from an earlier run (local iteration only; CI always builds).
// Browser tests need Chromium: without it they are skipped with a hint, except under CI=true,
// where a missing browser fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from './chromium-path.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const args = new Set(process.argv.slice(2));
const isCI = process.env.CI === 'true' || process.env.CI === '1';
const STEP_TIMEOUT_MS = 10 * 60_000;

const steps = [
  { name: 'lint', cmd: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  { name: 'typecheck (client)', cmd: bin('tsc'), args: ['-p', 'tsconfig.json', '--noEmit'] },
  { name: 'typecheck (server)', cmd: bin('tsc'), args: ['-p', 'server/tsconfig.json', '--noEmit'] },
  { name: 'typecheck (browser tests)', cmd: bin('tsc'), args: ['-p', 'e2e/tsconfig.json'] },
  // --forceExit: a suite that fails inside beforeAll can leave a listening server behind, and jest
  // would then wait for it forever after printing its summary; the failure itself is still reported.
  { name: 'unit + server tests', cmd: bin('jest'), args: ['--ci', '--forceExit'] },
  ...(args.has('--no-build')
    ? []
    : ['h5', 'weapp', 'dd'].map((type) => ({
        name: `build ${type}`,
        cmd: bin('taro'),
        args: ['build', '--type', type],
        env: { NODE_ENV: 'production' },
        quiet: true,
      }))),
  { name: 'mini-program boot + size budgets', cmd: bin('jest'), args: ['--ci', '-c', 'jest.boot.config.js'] },
];

const browser = chromiumPath();
if (browser) {
  steps.push({ name: 'browser tests (Chromium)', cmd: bin('playwright'), args: ['test'], env: { CHROMIUM_PATH: browser } });
} else if (isCI) {
  steps.push({ name: 'browser tests (Chromium)', missingBrowser: true });
}

const results = [];
let failed = false;
for (const step of steps) {
  if (step.missingBrowser) {
    console.error('\n✗ CI=true 但找不到 Chromium：请先 `apt-get install -y chromium`（或设置 CHROMIUM_PATH）。');
    results.push({ name: step.name, ok: false, seconds: 0 });
    failed = true;
    break;
  }
  console.log(`\n▶ ${step.name}`);
  const started = Date.now();
  const run = spawnSync(step.cmd, step.args, {
    cwd: root,
    stdio: step.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, ...step.env },
    maxBuffer: 64 * 1024 * 1024,
    // no step of ours takes more than a few minutes; a hang must fail the run, not stall CI
    timeout: STEP_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  if (run.error?.code === 'ETIMEDOUT') console.error(`✗ ${step.name} did not finish within ${STEP_TIMEOUT_MS / 60_000} min`);
  const seconds = (Date.now() - started) / 1000;
  const ok = run.status === 0;
  if (step.quiet && !ok) process.stdout.write(`${run.stdout ?? ''}${run.stderr ?? ''}`);
  results.push({ name: step.name, ok, seconds });
  console.log(`${ok ? '✓' : '✗'} ${step.name} (${seconds.toFixed(1)} s)`);
  if (!ok) {
    failed = true;
    break;
  }
}

console.log('\n── npm test summary ──');
for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name.padEnd(36)} ${r.seconds.toFixed(1).padStart(6)} s`);
if (!browser && !isCI) {
  console.log(
    '- browser tests skipped: Chromium not found. Install it with `sudo apt-get install -y chromium`\n' +
      '  (or point CHROMIUM_PATH at a Chrome/Chromium binary) and run `npm test` again.',
  );
}
if (!existsSync(join(root, 'dist/h5/index.html')) && args.has('--no-build')) {
  console.log('- --no-build given but dist/h5 is missing: run without --no-build once.');
}
process.exit(failed ? 1 : 0);
