#!/usr/bin/env node
// Run after any `npm install` that rewrites package-lock.json.
//
// The registry our machines install from holds only the linux-x64 build of @tarojs/binding, so
// npm leaves the other platforms' optional entries out of the lock, and `npm ci` then refuses the
// lock as out of sync. This puts them back as npm would write them (no tarball is ever fetched for
// a platform that does not match, so they need no integrity hash).
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
let added = 0;

for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const match = /-(darwin|linux|win32)-(x64|arm64)(?:-(gnu|musl|msvc))?$/.exec(name);
    if (!match) continue;
    const key = `node_modules/${name}`;
    if (packages[key] || packages[`${path}/${key}`]) continue;
    const [, os, cpu, libc] = match;
    packages[key] = {
      version,
      cpu: [cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(libc === 'gnu' || libc === 'musl' ? { libc: [libc === 'gnu' ? 'glibc' : 'musl'] } : {}),
      license: entry.license ?? 'MIT',
      optional: true,
      os: [os],
    };
    added += 1;
  }
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => a.localeCompare(b, 'en')),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform binding entr${added === 1 ? 'y' : 'ies'} added`);
