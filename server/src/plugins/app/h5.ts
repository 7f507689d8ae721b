/**
 * Serves the built H5 app at / from the same process as the API (one origin: no CORS, cookies
 * and tokens stay simple). Paths that are not files fall back to index.html so deep links of a
 * browser-history router work.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppConfig } from '../../config';

declare module 'fastify' {
  interface FastifyInstance {
    h5: { root: string; built: boolean };
  }
}

// Bundlers put a content hash in asset names (app.3f9c2a1b.js): those never change and may be
// cached for a year. Everything else, index.html above all, must be revalidated.
const HASHED_ASSET = /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i;

export function cacheControlFor(filePath: string): string {
  return HASHED_ASSET.test(path.basename(filePath)) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>智慧校园</title>
<style>body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:36rem;margin:15vh auto;padding:0 1.5rem;color:#1f2937;line-height:1.7}code{background:#f3f4f6;padding:.1rem .35rem;border-radius:4px}a{color:#2563eb}</style>
</head>
<body>
<h1>智慧校园服务已启动</h1>
<p>H5 前端尚未构建。请在项目根目录运行 <code>npm run build:h5</code>，然后重启服务（或直接运行 <code>npm start</code>，它会先构建再启动）。</p>
<p>接口已可用：<a href="/api/health">/api/health</a> · <a href="/api/docs">接口文档 /api/docs</a></p>
</body>
</html>
`;

function sendNotBuilt(reply: FastifyReply): FastifyReply {
  return reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(NOT_BUILT_PAGE);
}

export const h5Plugin = fp(
  async (app, options: { config: AppConfig }) => {
    const root = path.resolve(options.config.h5Dist);
    const built = existsSync(path.join(root, 'index.html'));
    app.decorate('h5', { root, built });
    if (built) {
      await app.register(fastifyStatic, {
        root,
        prefix: '/',
        wildcard: true,
        index: ['index.html'],
        dotfiles: 'ignore',
        cacheControl: false,
        setHeaders: (res, filePath) => res.setHeader('cache-control', cacheControlFor(filePath)),
      });
    } else {
      app.log.warn({ h5Dist: root }, 'H5 app not built: / shows a placeholder (run npm run build:h5)');
      app.get('/', { schema: { hide: true } }, async (_request, reply) => sendNotBuilt(reply));
    }
  },
  { name: 'h5' },
);

/**
 * Called by the not-found handler for GET/HEAD outside /api. Returns undefined when the path
 * looks like a missing file (has an extension): a missing script must be a 404, not HTML.
 * Returns whether it answered (not the reply: a reply is thenable and awaiting it would wait
 * for the response to finish).
 */
export function sendSpaFallback(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): boolean {
  const pathname = request.url.split('?')[0] ?? '/';
  const lastSegment = pathname.split('/').pop() ?? '';
  if (lastSegment.includes('.')) return false;
  if (app.h5?.built) reply.sendFile('index.html');
  else sendNotBuilt(reply);
  return true;
}
