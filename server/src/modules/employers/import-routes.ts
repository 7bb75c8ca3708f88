import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { RegisterImportRejectedSchema, RegisterImportResponseSchema } from '@huxin/shared'
import { EMPLOYER_IMPORT_MAX_ROWS, ImportRejected, importEmployers, importRejectedBody } from './register'
import { BEARER_AUTH, HttpError, errorResponses } from '../../lib/http-errors'

/** The market-regulation list: 100,000 rows of about 100 bytes, with room to spare. */
const IMPORT_BODY_LIMIT = 64 * 1_048_576

/**
 * `POST /api/v1/employers/import` (admin): the CSV as the raw `text/csv` body. Encapsulated: the
 * CSV parser and its body limit exist only here.
 */
const employerImportRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body))

  app.post(
    '/',
    {
      // Checked before the body is read: nobody else uploads megabytes for nothing.
      onRequest: app.requireRole('admin'),
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['register'],
        summary: `Import the register of employers from CSV (columns name, creditCode, town, industry, size — or their Chinese headers; at most ${EMPLOYER_IMPORT_MAX_ROWS} rows); any bad line: 400 and nothing stored`,
        security: BEARER_AUTH,
        consumes: ['text/csv'],
        response: { 200: RegisterImportResponseSchema, 400: RegisterImportRejectedSchema, ...errorResponses(401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      if (typeof request.body !== 'string') throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 text/csv 上传')
      try {
        const result = await importEmployers({ employers: app.repos.employers, claims: app.repos.claims }, request.body)
        request.log.info({ imported: result.imported, by: request.user.sub }, 'employers imported')
        return result
      } catch (error) {
        if (!(error instanceof ImportRejected)) throw error
        return reply.status(400).send(importRejectedBody(error.errors))
      }
    },
  )
}

export default employerImportRoute
