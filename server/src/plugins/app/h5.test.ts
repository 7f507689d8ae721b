import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../../test/test-app';
import { cacheControlFor } from './h5';

const INDEX = '<!doctype html><html><body><div id="app">H5 shell</div></body></html>';
const BIG_JS = `/* vendor */\n${'export const 服务大厅 = "办事大厅、报修、离返校";\n'.repeat(400)}`;

describe('H5 static hosting', () => {
  describe('with a built app', () => {
    let t: TestApp;
    let dist: string;
    beforeAll(async () => {
      dist = mkdtempSync(path.join(tmpdir(), 'campus-h5-'));
      mkdirSync(path.join(dist, 'js'));
      writeFileSync(path.join(dist, 'index.html'), INDEX);
      writeFileSync(path.join(dist, 'js', 'app.3f9c2a1b.js'), 'console.log("app")');
      writeFileSync(path.join(dist, 'logo.png'), 'png');
      writeFileSync(path.join(dist, 'js', 'vendor.0badc0de.js'), BIG_JS);
      writeFileSync(path.join(dist, 'photo.1a2b3c4d.jpg'), Buffer.alloc(4096, 7));
      t = await createTestApp('sqlite', { config: { h5Dist: dist } });
    });
    afterAll(async () => {
      await t?.close();
      rmSync(dist, { recursive: true, force: true });
    });

    it('serves index.html at / without long caching', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(INDEX);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
    });

    it('serves hashed assets with a year of immutable caching', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/js/app.3f9c2a1b.js' });
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe('console.log("app")');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const unhashed = await t.app.inject({ method: 'GET', url: '/logo.png' });
      expect(unhashed.headers['cache-control']).toBe('no-cache');
    });

    it.each(['/pages/hall/index', '/packages/repair/pages/new?id=3', '/me'])(
      'falls back to index.html for the page path %s',
      async (url) => {
        const response = await t.app.inject({ method: 'GET', url });
        expect(response.statusCode).toBe(200);
        expect(response.body).toBe(INDEX);
        expect(response.headers['cache-control']).toBe('no-cache');
      },
    );

    it('compresses scripts for browsers that accept it (brotli first, then gzip); images go as they are', async () => {
      const br = await t.app.inject({ method: 'GET', url: '/js/vendor.0badc0de.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(BIG_JS) / 4);
      expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(BIG_JS);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const gzip = await t.app.inject({ method: 'GET', url: '/js/vendor.0badc0de.js', headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(BIG_JS);
      const plain = await t.app.inject({ method: 'GET', url: '/js/vendor.0badc0de.js' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(BIG_JS);
      const image = await t.app.inject({ method: 'GET', url: '/photo.1a2b3c4d.jpg', headers: { 'accept-encoding': 'br, gzip' } });
      expect(image.headers['content-encoding']).toBeUndefined();
      expect(image.rawPayload.length).toBe(4096);
    });

    it('answers a missing asset with 404, not the app shell', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/js/missing.abcdef12.js' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ code: 'NOT_FOUND', message: '页面不存在' });
    });

    it('keeps /api paths out of the fallback', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/unknown' });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('NOT_FOUND');
    });

    it('does not serve files outside the dist directory', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/../../../etc/passwd' });
      expect(response.body).not.toContain('root:');
    });
  });

  describe('without a build', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('sqlite', { config: { h5Dist: path.join(tmpdir(), 'campus-h5-does-not-exist') } });
    });
    afterAll(async () => {
      await t?.close();
    });

    it.each(['/', '/pages/hall/index'])('explains at %s how to build the H5 app', async (url) => {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('npm run build:h5');
      expect(response.body).toContain('H5 前端尚未构建');
    });
  });

  it('recognises content-hashed file names', () => {
    expect(cacheControlFor('/dist/js/app.245036e1.js')).toMatch(/immutable/);
    expect(cacheControlFor('/dist/css/app-9d6c394d.css')).toMatch(/immutable/);
    expect(cacheControlFor('/dist/index.html')).toBe('no-cache');
    expect(cacheControlFor('/dist/js/app.js')).toBe('no-cache');
  });
});
