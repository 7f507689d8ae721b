/**
 * Request-level plumbing every route shares: the request id echoed back, a few safe default
 * headers, compressed responses, and body parsing limited to JSON.
 */
import compress from '@fastify/compress';
import fp from 'fastify-plugin';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps an upstream proxy's x-request-id so one id follows the request through every hop. */
export function requestIdFrom(header: string | string[] | undefined, generate: () => string): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : generate();
}

export const httpBasicsPlugin = fp(
  async (app) => {
    // On a phone's 3G link the H5 app's JS is most of the wait: brotli (quality 4, fast) or gzip
    // shrinks it about 4×, and API answers over 1 KB (the catalog, portraits) likewise. Images and
    // other incompressible types are sent as they are.
    await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });

    app.addHook('onRequest', async (request, reply) => {
      reply.header('x-request-id', request.id);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'strict-origin-when-cross-origin');
      if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    });

    // Only JSON bodies are accepted (uploads will register their own parser in their own
    // context); anything else is a 415. An empty JSON body is treated as no body, because
    // mini-program runtimes send `content-type: application/json` even on bodiless POSTs.
    app.removeContentTypeParser('text/plain');
    app.removeContentTypeParser('application/json');
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      parseJson(request, text, done);
    });
  },
  { name: 'http-basics' },
);
