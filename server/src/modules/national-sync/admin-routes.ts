import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ErrorResponseSchema, FailedMessageSchema, ReconciliationReportSchema, SyncStatusSchema } from '@huxin/shared'
import { BEARER_AUTH, errorResponses, HttpError, notFound } from '../../lib/http-errors'
import { NationalPlatformError } from './adapter'
import { listFailed, retryFailed } from './failed-messages'

const errors = errorResponses(401, 403)

/** API.md, National platform sync (admin): the outbox's state, parked messages, reconciliation. */
const sync: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', app.requireRole('admin'))

  app.get(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Outbox depth, failures, last pull and push, lag',
        security: BEARER_AUTH,
        response: { 200: SyncStatusSchema, ...errors },
      },
    },
    async () => app.nationalSync.status(),
  )

  app.get(
    '/failed',
    {
      schema: {
        tags: ['admin'],
        summary: 'Messages parked after too many attempts, newest first',
        security: BEARER_AUTH,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }),
        response: { 200: Type.Object({ items: Type.Array(FailedMessageSchema) }), 400: ErrorResponseSchema, ...errors },
      },
    },
    async (request) => ({ items: await listFailed(app.db, request.query.limit ?? 100) }),
  )

  app.post(
    '/failed/:id/retry',
    {
      schema: {
        tags: ['admin'],
        summary: 'Send a parked message again (fresh attempts; later messages of its claim follow)',
        security: BEARER_AUTH,
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), 400: ErrorResponseSchema, 404: ErrorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      if (!(await retryFailed(app.db, request.params.id))) throw notFound('失败消息')
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/reconcile',
    {
      schema: {
        tags: ['admin'],
        summary: 'Compare the platform’s view of every clue with ours now (also runs daily)',
        security: BEARER_AUTH,
        response: { 200: ReconciliationReportSchema, 502: ErrorResponseSchema, ...errors },
      },
    },
    async () => {
      try {
        return await app.nationalSync.reconcile()
      } catch (error) {
        if (error instanceof NationalPlatformError) throw new HttpError(502, 'NATIONAL_PLATFORM_UNAVAILABLE', '全国平台暂时无法访问，请稍后再试')
        throw error
      }
    },
  )
}

export default sync
