import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import type { AppConfig } from '../../config';

/**
 * The OpenAPI document is generated from the routes' own schemas (registered before any route so
 * every route is seen), served at /api/openapi.json, with Swagger UI at /api/docs from the
 * package's bundled assets.
 */
export const openApiPlugin = fp(
  async (app, options: { config: AppConfig }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: '智慧校园 API',
          description: '统一身份认证、办事大厅服务目录等。错误统一为 ErrorBody：{ code, message, fields? }。',
          version: options.config.version,
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        tags: [
          { name: 'health', description: '运行状态' },
          { name: 'identity', description: '统一身份认证' },
          { name: 'catalog', description: '办事大厅' },
          { name: 'people', description: '人员与账号管理' },
        ],
      },
      // name shared schemas by their $id (ErrorBody) instead of def-0, def-1…
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => String(json.$id ?? `def-${index}`) },
    });
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null },
    });
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi', dependencies: [] },
);
