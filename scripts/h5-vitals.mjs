#!/usr/bin/env node
// H5 on a slow phone (PRODUCT.md: "good Core Web Vitals on a throttled phone"): the built H5 app,
// served by the real server, opened cold (no cache) in Chromium with the CPU slowed 4× and a
// "Fast 3G" link (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up), in ONE run beside a baseline — a bare
// HTML page over the same throttled link. Prints FCP, LCP, CLS, the JS it fetched and when the
// page became usable, for the login page (a visitor) and the service hall (a signed-in student).
//
//   npm run build:h5 && npm run bench:h5 [-- --runs 3]
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumPath } from './chromium-path.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' }, port: { type: 'string', default: '18190' } } });
const runs = Number(args.runs);
const port = Number(args.port);
const FAST_3G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;
const STUDENT = { username: '2023010101', password: 'campus123' };

const executablePath = chromiumPath();
if (!executablePath) {
  console.error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  process.exit(1);
}

async function waitFor(url, timeoutMs = 60_000) {
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

// the campus server with the built H5 app, on a throwaway SQLite file
const dataDir = mkdtempSync(join(tmpdir(), 'campus-vitals-'));
const server = spawn(process.execPath, [join(root, 'node_modules/.bin/tsx'), 'server/src/main.ts'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, SQLITE_PATH: join(dataDir, 'campus.db'), H5_DIST: 'dist/h5', SEED_STUDENTS: '200', LOG_LEVEL: 'warn', DATABASE_URL: '' },
});
// the baseline: one small HTML page, same machine, same throttled link
const bare = createServer((_, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end('<!doctype html><html lang="zh-CN"><meta name="viewport" content="width=device-width"><title>基准</title><h1 style="font:24px sans-serif">基准页面</h1><p>一段文字。</p></html>');
});
await new Promise((done) => bare.listen(port + 1, '127.0.0.1', done));

function stop() {
  server.kill();
  bare.close();
}

/** FCP, LCP and CLS as the page's own PerformanceObservers saw them, plus the JS bytes fetched. */
async function measure(page, url, ready) {
  const client = await page.context().newCDPSession(page);
  await client.send('Network.enable');
  await client.send('Network.setCacheDisabled', { cacheDisabled: true });
  await client.send('Network.emulateNetworkConditions', FAST_3G);
  await client.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let jsBytes = 0;
  const scripts = new Map();
  client.on('Network.responseReceived', (event) => {
    if (event.type === 'Script') scripts.set(event.requestId, true);
  });
  client.on('Network.loadingFinished', (event) => {
    if (scripts.has(event.requestId)) jsBytes += event.encodedDataLength;
  });
  await page.addInitScript(() => {
    globalThis.__vitals = { lcp: 0, cls: 0, fcp: 0 };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) globalThis.__vitals.lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) globalThis.__vitals.cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') globalThis.__vitals.fcp = entry.startTime;
    }).observe({ type: 'paint', buffered: true });
  });
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  const usable = Date.now() - started;
  await page.waitForTimeout(1500); // let LCP and late layout shifts settle
  const vitals = await page.evaluate(() => globalThis.__vitals);
  await client.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await client.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  return { ...vitals, usable, jsKB: jsBytes / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  await waitFor(`http://127.0.0.1:${port}/api/health`);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  const results = { baseline: [], login: [], hall: [] };
  for (let run = 0; run < runs; run += 1) {
    const phone = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
    {
      const context = await browser.newContext(phone);
      results.baseline.push(await measure(await context.newPage(), `http://127.0.0.1:${port + 1}/`, 'h1'));
      await context.close();
    }
    {
      const context = await browser.newContext(phone);
      results.login.push(await measure(await context.newPage(), `http://127.0.0.1:${port}/`, '.login-password-toggle'));
      await context.close();
    }
    {
      // sign in at full speed, then open the hall cold and throttled
      const context = await browser.newContext(phone);
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.locator('.login-password-toggle').click();
      await page.locator('.login-username input').fill(STUDENT.username);
      await page.locator('.login-password input').fill(STUDENT.password);
      await page.locator('.login-submit').click();
      await page.locator('.hall-greeting').waitFor();
      const fresh = await context.newPage();
      await page.close();
      results.hall.push(await measure(fresh, `http://127.0.0.1:${port}/`, '.hall-categories, .service-grid'));
      await context.close();
    }
  }
  await browser.close();
  const row = (name, samples) => {
    const pick = (key) => median(samples.map((sample) => sample[key]));
    return `${name.padEnd(40)}${`${Math.round(pick('fcp'))} ms`.padStart(10)}${`${Math.round(pick('lcp'))} ms`.padStart(10)}${pick('cls').toFixed(3).padStart(8)}${`${Math.round(pick('usable'))} ms`.padStart(11)}${`${pick('jsKB').toFixed(1)} KB`.padStart(11)}`;
  };
  console.log(`\nH5 on a slow phone · CPU ${CPU_SLOWDOWN}× slower · Fast 3G (150 ms RTT, 1.6 Mbit/s) · no cache · 375×812 · median of ${runs} · Chromium ${browser.version()}`);
  console.log(`${'page'.padEnd(40)}${'FCP'.padStart(10)}${'LCP'.padStart(10)}${'CLS'.padStart(8)}${'usable'.padStart(11)}${'JS'.padStart(11)}`);
  console.log(row('bare HTML page (baseline)', results.baseline));
  console.log(row('login page (visitor)', results.login));
  console.log(row('service hall (student, signed in)', results.hall));
  console.log('\nusable: until the login form / the hall’s service grid is on screen. Core Web Vitals "good": LCP ≤ 2.5 s, CLS ≤ 0.1.');
} finally {
  stop();
}
