import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  ErrorResponseSchema,
  IdParamsSchema,
  PayrollQuery,
  PayrollUploadResponseSchema,
  RegisterImportRejectedSchema,
  RegisterImportResponseSchema,
  RosterUploadResponseSchema,
} from '@huxin/shared'
import { BEARER_AUTH, HttpError, errorResponses } from '../../lib/http-errors'
import { loadActor } from '../casework/index'
import { ImportRejected, importRejectedBody } from './csv-columns'
import { importProjects } from './import'
import type { ProjectModule } from './module'
import { uploadPayroll, uploadRoster } from './roster'

const UPLOAD_BODY_LIMIT = 16 * 1_048_576

/**
 * The CSV uploads (admin), each all or nothing with its problems by line: `POST /import` (the
 * permit list), `POST /:id/roster` (real-name roster), `POST /:id/payroll?month=YYYY-MM`.
 * Encapsulated: the text/csv parser exists only here.
 */
const projectUploadRoutes: FastifyPluginAsyncTypebox<{ module: ProjectModule }> = async (app, { module }) => {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: UPLOAD_BODY_LIMIT }, (_request, body, done) => done(null, body))
  const text = (body: unknown): string => {
    if (typeof body !== 'string') throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 text/csv 上传')
    return body
  }
  const rejected = (error: unknown) => {
    if (error instanceof ImportRejected) return importRejectedBody(error.errors)
    throw error
  }
  // A refused file (line errors) or a request refused before reading it (query, empty body).
  const responses = { 400: Type.Union([RegisterImportRejectedSchema, ErrorResponseSchema]), ...errorResponses(401, 403, 404, 413, 415) }

  app.post(
    '/import',
    {
      onRequest: app.requireRole('admin'),
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags: ['projects'],
        summary: "Import the housing department's permit list (CSV; see docs/projects.md for the columns); any bad line: 400 and nothing stored",
        security: BEARER_AUTH,
        consumes: ['text/csv'],
        response: { 200: RegisterImportResponseSchema, ...responses },
      },
    },
    async (request, reply) => {
      try {
        return await importProjects(module.deps, text(request.body))
      } catch (error) {
        return reply.status(400).send(rejected(error))
      }
    },
  )

  app.post(
    '/:id/roster',
    {
      onRequest: app.requireRole('admin'),
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags: ['projects'],
        summary: 'Upload the real-name roster (CSV: name, idNumber, trade, startedOn); ID numbers encrypted with a keyed hash',
        security: BEARER_AUTH,
        consumes: ['text/csv'],
        params: IdParamsSchema,
        response: { 200: RosterUploadResponseSchema, ...responses },
      },
    },
    async (request, reply) => {
      const actor = await loadActor(app.db, request.user)
      try {
        return await uploadRoster({ ...module.deps, pii: app.pii }, actor, request.params.id, text(request.body))
      } catch (error) {
        return reply.status(400).send(rejected(error))
      }
    },
  )

  app.post(
    '/:id/payroll',
    {
      onRequest: app.requireRole('admin'),
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags: ['projects'],
        summary: "Upload a month's wage payments of the dedicated account (CSV: name, idNumber, amount in yuan, paidOn); replaces that month",
        security: BEARER_AUTH,
        consumes: ['text/csv'],
        params: IdParamsSchema,
        querystring: PayrollQuery,
        response: { 200: PayrollUploadResponseSchema, ...responses },
      },
    },
    async (request, reply) => {
      const actor = await loadActor(app.db, request.user)
      try {
        return await uploadPayroll({ ...module.deps, pii: app.pii }, actor, request.params.id, request.query.month, text(request.body))
      } catch (error) {
        return reply.status(400).send(rejected(error))
      }
    },
  )
}

export default projectUploadRoutes
