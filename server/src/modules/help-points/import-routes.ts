import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ErrorResponseSchema, HelpPointImportResponseSchema } from '@huxin/shared'
import { CSV_COLUMNS, IMPORT_MAX_ROWS, importFormatOf, importHelpPoints } from './import'
import { BEARER_AUTH } from '../../lib/http-errors'

const IMPORT_BODY_LIMIT = 5 * 1_048_576

/**
 * `POST /api/v1/help-points/import` (admin): the file as the raw body — `text/csv` or
 * `application/geo+json` / `application/json`. Encapsulated: the CSV parser exists only here.
 */
const importRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(['text/csv', 'application/geo+json'], { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  )

  app.post(
    '/',
    {
      // Checked before the body is read: nobody else uploads megabytes for nothing.
      onRequest: app.requireRole('admin'),
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['help-points'],
        summary: `Import help points (admin) from CSV (columns ${CSV_COLUMNS.join(', ')}) or a GeoJSON FeatureCollection; at most ${IMPORT_MAX_ROWS} rows; bad rows reported, good rows kept`,
        security: BEARER_AUTH,
        consumes: ['text/csv', 'application/geo+json', 'application/json'],
        querystring: Type.Object(
          { replaceSamples: Type.Optional(Type.Boolean({ description: 'delete the sample (demo) points in the same transaction' })) },
          { additionalProperties: false },
        ),
        response: {
          200: HelpPointImportResponseSchema,
          400: ErrorResponseSchema,
          401: ErrorResponseSchema,
          403: ErrorResponseSchema,
          413: ErrorResponseSchema,
          415: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const result = await importHelpPoints(app.repos.helpPoints, {
        format: importFormatOf(request.headers['content-type']),
        body: request.body,
        by: request.user.sub,
        replaceSamples: request.query.replaceSamples ?? false,
      })
      request.log.info({ imported: result.imported, rejected: result.rejected.length, by: request.user.sub }, 'help points imported')
      return result
    },
  )
}

export default importRoute
