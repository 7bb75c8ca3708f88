import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  ApproveDocumentBody,
  CreateDocumentBody,
  CreateDocumentHeaders,
  DocumentListSchema,
  DocumentPdfParams,
  DocumentSchema,
  IdParamsSchema,
  ServeDocumentBody,
} from '@huxin/shared'
import { BEARER_AUTH, errorResponses, notFound } from '../../lib/http-errors'
import { isStaff, loadActor } from '../casework/index'
import { toDocument } from './view'

const errors = errorResponses(400, 401, 403, 404, 409)
/** Routes that write or read a stored PDF also answer 503 while the object store is away. */
const storageErrors = errorResponses(503)

/** The documents of one claim, under /api/v1/claims (API.md, Additions: Documents). */
export const claimDocumentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staffOnly = app.requireRole('inspector', 'supervisor', 'admin')

  app.get(
    '/:id/documents',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['documents'],
        summary: "A claim's documents (staff: all, pending approval included; the claimant: their issued notices)",
        security: BEARER_AUTH,
        params: IdParamsSchema,
        response: { 200: DocumentListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      const claim = await app.caseWork.findVisible(request.params.id, actor)
      const rows = await app.documents.list(claim, actor)
      return { items: rows.map((row) => toDocument(row, isStaff(actor))) }
    },
  )

  app.post(
    '/:id/documents',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['documents'],
        summary:
          'Issue a document of the case (numbered PDF), or request one that needs a supervisor’s approval (docs/documents.md); a retry returns the same document (200)',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        headers: CreateDocumentHeaders,
        body: CreateDocumentBody,
        response: { 200: DocumentSchema, 201: DocumentSchema, ...errors, ...storageErrors },
      },
    },
    async (request, reply) => {
      const actor = await loadActor(app.db, request.user)
      const { document, created } = await app.documents.request(
        request.params.id,
        actor,
        request.body,
        request.headers['idempotency-key'],
      )
      if (created) request.log.info({ claimId: document.claimId, documentId: document.id, kind: document.kind, status: document.status }, 'document requested')
      return reply.status(created ? 201 : 200).send(toDocument(document, true))
    },
  )
}

/** One document: its PDF, its approval and its service, under /api/v1/documents. */
export const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staffOnly = app.requireRole('inspector', 'supervisor', 'admin')

  app.get(
    '/:id.pdf',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['documents'],
        summary: 'The PDF of an issued document (staff of the claim’s towns; the claimant their own notices; else 404)',
        security: BEARER_AUTH,
        params: DocumentPdfParams,
        response: {
          200: Type.Unsafe<string>({ type: 'string', format: 'binary', description: 'application/pdf' }),
          ...errorResponses(400, 401, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const actor = await loadActor(app.db, request.user)
      const doc = await app.documents.findReadable(request.params.id, actor)
      // Past the retention period the PDF (it names the claimant) is gone; the document's row stays.
      if (doc.fileErasedAt) throw notFound('文书文件（已按保存期限删除）')
      const stored = await app.documents.open(doc.sha256!)
      return reply
        .type('application/pdf')
        .header('content-length', doc.size ?? undefined)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="${doc.kind}-${doc.year}-${doc.seq}.pdf"`)
        .send(stored.body as unknown as string) // streamed, not serialised
    },
  )

  app.post(
    '/:id/approval',
    {
      preHandler: app.requireRole('supervisor', 'admin'),
      schema: {
        tags: ['documents'],
        summary: 'Approve (issue) or refuse a document awaiting approval (supervisor or admin, not the requester)',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: ApproveDocumentBody,
        response: { 200: DocumentSchema, ...errors, ...storageErrors },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      const doc = await app.documents.decide(request.params.id, actor, request.body.approve, request.body.note)
      request.log.info({ documentId: doc.id, status: doc.status }, 'document decided')
      return toDocument(doc, true)
    },
  )

  app.post(
    '/:id/service',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['documents'],
        summary: 'Record how, when and to whom an issued document was served (the same record again is a no-op)',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: ServeDocumentBody,
        response: { 200: DocumentSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      return toDocument(await app.documents.recordService(request.params.id, actor, request.body), true)
    },
  )
}
