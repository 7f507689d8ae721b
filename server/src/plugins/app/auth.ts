/**
 * Authentication from the route's own OpenAPI declaration: a route whose schema lists
 * `security` gets a bearer-token check before anything else runs, so the documentation and the
 * behaviour cannot drift apart. The check sets `request.auth`; services still begin with
 * `requireAuth(auth)` (and later, finer access checks).
 */
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { AppConfig } from '../../config';
import { createAccessTokens, type AccessTokens } from '../../modules/identity/access-token';
import { createAuthenticator } from '../../modules/identity/authenticate';
import type { AuthContext } from '../../shared/auth-context';

declare module 'fastify' {
  interface FastifyInstance {
    accessTokens: AccessTokens;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export const authPlugin = fp(
  async (app, options: { config: AppConfig }) => {
    const tokens = createAccessTokens(options.config.jwtSecret, options.config.accessTokenTtlSeconds);
    const authenticate = createAuthenticator(app.db, tokens);
    app.decorate('accessTokens', tokens);
    app.decorateRequest('auth', null);

    const requireToken: onRequestHookHandler = async (request: FastifyRequest) => {
      request.auth = await authenticate(request.headers.authorization);
    };

    app.addHook('onRoute', (route) => {
      const security = (route.schema as { security?: unknown[] } | undefined)?.security;
      if (!Array.isArray(security) || security.length === 0) return;
      const existing = route.onRequest ? [route.onRequest].flat() : [];
      route.onRequest = [requireToken, ...existing];
    });
  },
  { name: 'auth', dependencies: ['database'] },
);
