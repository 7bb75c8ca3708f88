import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { describeRoute, finishDocument, SECURITY_SCHEMES } from './openapi-description'

/**
 * OpenAPI JSON at /docs/json and the UI at /docs (API.md). Built from the routes' schemas, then
 * completed in one place (./openapi-description.ts; docs/api-description.md): linted by Redocly's
 * recommended rules and a typed client in tests/api.
 */
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
          // No licence is granted with the software yet (package.json: private, no licence): say so
          // rather than invent one. `LicenseRef-` is SPDX's form for a licence not on its list.
          license: { name: 'No licence granted (ask the operating bureau)', identifier: 'LicenseRef-UNLICENSED' },
        },
        // Relative: the origin that serves this document (a bureau's own host, behind its proxy).
        servers: [{ url: '/', description: 'The server that serves this document' }],
        components: {
          securitySchemes: SECURITY_SCHEMES,
        },
        tags: [
          { name: 'health', description: 'Liveness and readiness' },
          { name: 'claims', description: 'Wage claims filed by workers' },
          { name: 'help-points', description: 'The live map of help points (public read; staff keep it current)' },
        ],
      },
      transform: describeRoute,
      transformObject: finishDocument,
    })
    await app.register(swaggerUi, { routePrefix: '/docs' })
  },
  { name: 'swagger' },
)
