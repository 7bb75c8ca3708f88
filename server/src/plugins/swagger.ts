import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'

/** OpenAPI JSON at /docs/json and the UI at /docs (API.md). Built from the routes' schemas. */
export default fp<{ version: string }>(
  async (app, { version }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'HuXin (护薪) API',
          description:
            'Wage-arrears claims for a labour-inspection bureau. Money in integer fen; times ISO-8601 UTC; ' +
            'coordinates WGS-84 unless a field says gcj02. Errors: `{ error: { code, message, details? } }`.',
          version,
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        tags: [
          { name: 'health', description: 'Liveness and readiness' },
          { name: 'claims', description: 'Wage claims filed by workers' },
          { name: 'help-points', description: 'The live map of help points (public read; staff keep it current)' },
        ],
      },
    })
    await app.register(swaggerUi, { routePrefix: '/docs' })
  },
  { name: 'swagger' },
)
