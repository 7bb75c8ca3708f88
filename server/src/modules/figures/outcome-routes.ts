import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { CaseOutcomeSchema, IdParamsSchema, RecordOutcomeBody } from '@huxin/shared'
import { loadActor } from '../casework/index'
import { BEARER_AUTH, errorResponses } from '../../lib/http-errors'
import { toCaseOutcome, type CaseOutcomes } from './outcomes'

const errors = errorResponses(400, 401, 403, 404, 409)

/** POST/GET /api/v1/claims/:id/outcomes: a case's social-insurance orders and registrations (docs/figures.md). */
export function outcomeRoutes(outcomes: CaseOutcomes): FastifyPluginAsyncTypebox {
  return async (app) => {
    const staff = app.requireRole('inspector', 'supervisor', 'admin')

    app.post(
      '/:id/outcomes',
      {
        preHandler: staff,
        schema: {
          tags: ['case work'],
          summary: 'Record a case outcome: a social-insurance order (amount, when ordered) or workers newly registered for social insurance',
          security: BEARER_AUTH,
          params: IdParamsSchema,
          body: RecordOutcomeBody,
          response: { 201: CaseOutcomeSchema, ...errors },
        },
      },
      async (request, reply) => {
        const actor = await loadActor(app.db, request.user)
        const row = await outcomes.record(request.params.id, actor, request.body)
        request.log.info({ claimId: row.claimId, outcome: row.kind }, 'case outcome recorded')
        return reply.code(201).send(toCaseOutcome(row))
      },
    )

    app.get(
      '/:id/outcomes',
      {
        preHandler: staff,
        schema: {
          tags: ['case work'],
          summary: "A claim's case outcomes, oldest first",
          security: BEARER_AUTH,
          params: IdParamsSchema,
          response: { 200: Type.Array(CaseOutcomeSchema), ...errors },
        },
      },
      async (request) => {
        const actor = await loadActor(app.db, request.user)
        await app.caseWork.findVisible(request.params.id, actor)
        return (await outcomes.list(request.params.id)).map(toCaseOutcome)
      },
    )
  }
}
