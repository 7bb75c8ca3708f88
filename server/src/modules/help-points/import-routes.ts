import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ErrorResponseSchema, HelpPointImportResponseSchema } from '@huxin/shared'
import { HttpError } from '../../lib/http-errors'
import { CSV_COLUMNS, IMPORT_MAX_ROWS, importHelpPoints } from './import'

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
        security: [{ bearerAuth: [] }],
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
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
      const format = type === 'text/csv' ? 'csv' : type === 'application/geo+json' || type === 'application/json' ? 'geojson' : undefined
      if (!format) throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 text/csv 或 application/geo+json 上传')
      const result = await importHelpPoints(
        { db: app.db, helpPoints: app.repos.helpPoints },
        { format, body: request.body, by: request.user.sub, replaceSamples: request.query.replaceSamples ?? false },
      )
      request.log.info({ imported: result.imported, rejected: result.rejected.length, by: request.user.sub }, 'help points imported')
      return result
    },
  )
}

export default importRoute
