#!/usr/bin/env node
// `npm start`: one process serving the API under /api and the built H5 app under /.
// Builds the H5 app first when it is missing or older than its sources, so a newcomer's
// `npm install && npm start` needs nothing else. Set SKIP_H5_BUILD=1 to serve whatever is there.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const h5Index = join(root, process.env.H5_DIST ?? 'dist/h5', 'index.html');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === '__tests__') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function h5IsStale() {
  if (!existsSync(h5Index)) return true;
  const built = statSync(h5Index).mtimeMs;
  const sources = ['src', 'config', 'types', 'babel.config.js', 'package.json'].map((p) => join(root, p));
  return Math.max(...sources.map(newestMtime)) > built;
}

if (!process.env.SKIP_H5_BUILD && h5IsStale()) {
  console.log('[start] 正在构建 H5 前端 (taro build --type h5)…');
  const build = spawnSync(bin('taro'), ['build', '--type', 'h5'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('[start] H5 构建失败，见上方输出。');
    process.exit(build.status ?? 1);
  }
}

const server = spawn(bin('tsx'), [join(root, 'server/src/main.ts')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
