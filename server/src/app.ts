/**
 * Builds the campus server. Plugins load in a fixed order — external (database, OpenAPI) →
 * app (errors, request basics, auth, H5) → routes — and nothing listens until `listen()`, so
 * tests build the same app and call `app.inject`.
 */
import { randomUUID } from 'node:crypto';
import AjvCompiler from '@fastify/ajv-compiler';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerStandIns } from '../../mocks/stand-ins';
import type { AppConfig } from './config';
import { createIntegrations } from './integrations';
import { STAND_IN_PREFIX } from './integrations/config';
import { catalogRoutes } from './modules/catalog/catalog.routes';
import { noticesRoutes } from './modules/notices/notices.routes';
import { datacenterPlugin } from './modules/datacenter/datacenter.plugin';
import { healthRoutes } from './modules/health/health.routes';
import { identityRoutes } from './modules/identity/identity.routes';
import { OIDC_CALLBACK_PATH } from './modules/identity/sso.service';
import type { Upstreams } from './modules/identity/upstreams';
import { peopleRoutes } from './modules/people/people.routes';
import { messagesRoutes } from './modules/messages/messages.routes';
import { microappsRoutes } from './modules/microapps/microapps.routes';
import { enginePlugin } from './modules/workflow/engine.plugin';
import { workflowRoutes } from './modules/workflow/workflow.routes';
import { walkRoutes } from './modules/walk/walk.routes';
import { portraitRoutes } from './modules/portrait/portrait.routes';
import { authPlugin } from './plugins/app/auth';
import { errorsPlugin, frameworkErrorHandler } from './plugins/app/errors';
import { h5Plugin } from './plugins/app/h5';
import { httpBasicsPlugin, requestIdFrom } from './plugins/app/http-basics';
import { databasePlugin } from './plugins/external/database';
import { openApiPlugin } from './plugins/external/openapi';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    /** CAS / OIDC / WeChat / DingTalk / SMS clients, as configured */
    upstreams: Upstreams;
  }
}

export interface BuildOptions {
  /** where log lines go (tests capture them); stdout by default */
  logStream?: NodeJS.WritableStream;
  /** replaces the integration clients built from config.integrations (unit tests hand in fakes) */
  upstreams?: Upstreams;
}

const SECRET_KEYS = [
  'password',
  'passwordHash',
  'password_hash',
  'accessToken',
  'refreshToken',
  'refresh_token',
  'access_token',
  'id_token',
  'token',
  'token_hash',
  'session_key',
  'sessionKey',
  'session_key_enc',
  'secret',
  'jwtSecret',
  'appSecret',
  'appsecret',
  'clientSecret',
  'client_secret',
  'dataSecret',
  'bindTicket',
  'ticket',
  'codeVerifier',
  'code_verifier',
  'code_hash',
  'authCode',
];
/** Paths pino blanks out wherever they appear in a log line: nothing secret reaches the log. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  ...SECRET_KEYS.map((key) => `*.*.${key}`),
];

/** query parameters whose values never reach a log line (tickets, codes, secrets in GET APIs, upload URL signatures) */
const SECRET_QUERY = /^(ticket|code|js_code|state|nonce|handoff|authcode|auth_code|tmp_auth_code|code_verifier|sig)$|secret|token|password|key/i;

/** The request URL as logged: secret query values and CAS ticket path segments blanked out. */
export function redactUrlForLog(url: string): string {
  const [path = '', query] = url.split(/\?(.*)/s, 2);
  const safePath = path.replace(/\b(TGT|ST|PT)-[^/]+/g, '$1-[REDACTED]');
  if (query === undefined || query === '') return safePath;
  const parts = query.split('&').map((part) => {
    const eq = part.indexOf('=');
    if (eq === -1) return part;
    let name = part.slice(0, eq);
    try {
      name = decodeURIComponent(name);
    } catch {
      return '[REDACTED]';
    }
    return SECRET_QUERY.test(name) ? `${part.slice(0, eq)}=[REDACTED]` : part;
  });
  return `${safePath}?${parts.join('&')}`;
}

/**
 * Bodies are validated strictly (a number is not a string, unknown fields are an error, never
 * silently dropped); query strings and path params are coerced, since they arrive as text.
 */
function buildValidatorFactory(): NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>['buildValidator'] {
  const pool = AjvCompiler();
  const base = { removeAdditional: false, useDefaults: true, allErrors: true } as const;
  return (externalSchemas, ajvOptions) => {
    const compilerFor = (coerceTypes: false | 'array') =>
      pool(externalSchemas, {
        ...ajvOptions,
        customOptions: { ...ajvOptions?.customOptions, ...base, coerceTypes },
      } as Parameters<typeof pool>[1]);
    const forBody = compilerFor(false);
    const forText = compilerFor('array');
    return (route) => (route.httpPart === 'body' ? forBody(route) : forText(route));
  };
}

export function buildApp(config: AppConfig, options: BuildOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: REDACTED_LOG_PATHS, censor: '[REDACTED]' },
      serializers: {
        // Fastify's request line, with secret query values (WeChat's and DingTalk's GET APIs carry
        // app secrets, callbacks carry tickets and codes) blanked; headers are not logged at all
        req: (request: { method?: unknown; url?: unknown; host?: string; hostname?: string; ip?: string; socket?: { remotePort?: number } }) => ({
          method: typeof request.method === 'string' ? request.method : undefined,
          url: typeof request.url === 'string' ? redactUrlForLog(request.url) : undefined,
          host: request.host ?? request.hostname,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        }),
      },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: (request) => requestIdFrom(request.headers['x-request-id'], randomUUID),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    frameworkErrors: frameworkErrorHandler,
    schemaController: { compilersFactory: { buildValidator: buildValidatorFactory() } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.decorate('upstreams', options.upstreams ?? createIntegrations(config.integrations));

  // external
  app.register(databasePlugin, { config });
  app.register(openApiPlugin, { config });
  app.register(datacenterPlugin, { config });
  // app
  app.register(errorsPlugin);
  app.register(httpBasicsPlugin);
  app.register(authPlugin, { config });
  app.register(h5Plugin, { config });
  // routes
  app.register(healthRoutes, { prefix: '/api' });
  app.register(identityRoutes, { prefix: '/api' });
  app.register(catalogRoutes, { prefix: '/api' });
  app.register(noticesRoutes, { prefix: '/api' });
  app.register(peopleRoutes, { prefix: '/api' });
  app.register(enginePlugin);
  app.register(microappsRoutes, { prefix: '/api' });
  app.register(workflowRoutes, { prefix: '/api' });
  app.register(messagesRoutes, { prefix: '/api' });
  app.register(walkRoutes, { prefix: '/api' });
  app.register(portraitRoutes, { prefix: '/api' });

  // the outside world's stand-ins, for demos and tests; loadConfig refuses them in production
  if (config.integrations.standIns && config.env !== 'production') {
    registerStandIns(app, {
      prefix: STAND_IN_PREFIX,
      baseUrl: config.publicBaseUrl,
      students: config.seedStudents,
      ...(config.integrations.oidc
        ? {
            oidcClient: {
              clientId: config.integrations.oidc.clientId,
              ...(config.integrations.oidc.clientSecret ? { clientSecret: config.integrations.oidc.clientSecret } : {}),
              redirectUris: [`${config.publicBaseUrl}${OIDC_CALLBACK_PATH}`],
            },
          }
        : {}),
    });
  }

  return app;
}
