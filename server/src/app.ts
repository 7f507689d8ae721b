/**
 * Builds the campus server. Plugins load in a fixed order — external (database, OpenAPI) →
 * app (errors, request basics, auth, H5) → routes — and nothing listens until `listen()`, so
 * tests build the same app and call `app.inject`.
 */
import { randomUUID } from 'node:crypto';
import AjvCompiler from '@fastify/ajv-compiler';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AppConfig } from './config';
import { catalogRoutes } from './modules/catalog/catalog.routes';
import { healthRoutes } from './modules/health/health.routes';
import { identityRoutes } from './modules/identity/identity.routes';
import { authPlugin } from './plugins/app/auth';
import { errorsPlugin, frameworkErrorHandler } from './plugins/app/errors';
import { h5Plugin } from './plugins/app/h5';
import { httpBasicsPlugin, requestIdFrom } from './plugins/app/http-basics';
import { databasePlugin } from './plugins/external/database';
import { openApiPlugin } from './plugins/external/openapi';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
  }
}

export interface BuildOptions {
  /** where log lines go (tests capture them); stdout by default */
  logStream?: NodeJS.WritableStream;
}

const SECRET_KEYS = [
  'password',
  'passwordHash',
  'password_hash',
  'accessToken',
  'refreshToken',
  'token',
  'session_key',
  'sessionKey',
  'secret',
  'jwtSecret',
  'appSecret',
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
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: (request) => requestIdFrom(request.headers['x-request-id'], randomUUID),
    bodyLimit: config.bodyLimit,
    frameworkErrors: frameworkErrorHandler,
    schemaController: { compilersFactory: { buildValidator: buildValidatorFactory() } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);

  // external
  app.register(databasePlugin, { config });
  app.register(openApiPlugin, { config });
  // app
  app.register(errorsPlugin);
  app.register(httpBasicsPlugin);
  app.register(authPlugin, { config });
  app.register(h5Plugin, { config });
  // routes
  app.register(healthRoutes, { prefix: '/api' });
  app.register(identityRoutes, { prefix: '/api' });
  app.register(catalogRoutes, { prefix: '/api' });

  return app;
}
