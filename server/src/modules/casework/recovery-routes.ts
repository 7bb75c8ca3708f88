import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { DisputeBody, IdParamsSchema, RecoveryDisputeSchema, RecoverySchema, ReversalBody } from '@huxin/shared'
import { BEARER_AUTH, errorResponses } from '../../lib/http-errors'
import { toRecovery } from '../claims/index'
import { loadActor } from './access'
import type { DisputeRow } from './repository/index'

const errors = errorResponses(400, 401, 403, 404, 409)
const Params = Type.Object({ id: IdParamsSchema.properties.id, recoveryId: IdParamsSchema.properties.id })

const toDispute = (row: DisputeRow) => ({
  id: row.id,
  recoveryId: row.recoveryId,
  claimId: row.claimId,
  kind: row.kind as DisputeBody['kind'],
  note: row.note,
  createdAt: row.createdAt.toISOString(),
  resolvedAt: row.resolvedAt?.toISOString(),
})

/**
 * Corrections and disputes of the recovery ledger (API.md, Additions "Recoveries"; docs/casework.md
 * "Recoveries, reversals and disputes"). Registered under /api/v1/claims.
 */
const recoveryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staffOnly = app.requireRole('inspector', 'supervisor', 'admin')
  const workerOnly = app.requireRole('worker')

  app.post(
    '/:id/recoveries/:recoveryId/reversal',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['case work'],
        summary: 'Reverse (冲正) a recorded recovery: a negative entry linked to it, with its reason',
        description:
          'A supervisor any time; the staff member who recorded it within 24 hours (else 403). Once per recovery and never on a ' +
          'reversal (409). The ledger, the claim totals, the daily figures and the national platform follow.',
        security: BEARER_AUTH,
        params: Params,
        body: ReversalBody,
        response: { 201: RecoverySchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = await loadActor(app.db, request.user)
      const row = await app.caseWork.reverseRecovery(request.params.id, request.params.recoveryId, actor, request.body.reason)
      return reply.status(201).send(toRecovery(row))
    },
  )

  app.post(
    '/:id/recoveries/:recoveryId/dispute',
    {
      preHandler: workerOnly,
      schema: {
        tags: ['claims'],
        summary: 'The claimant disputes a recorded payment (not received / wrong amount)',
        security: BEARER_AUTH,
        params: Params,
        body: DisputeBody,
        response: { 201: RecoveryDisputeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const row = await app.caseWork.disputeRecovery(request.params.id, request.params.recoveryId, request.user.sub, request.body)
      return reply.status(201).send(toDispute(row))
    },
  )

  app.post(
    '/:id/recoveries/:recoveryId/dispute/resolution',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['case work'],
        summary: "Staff record what they found about the claimant's dispute; it is closed",
        security: BEARER_AUTH,
        params: Params,
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
        response: { 200: RecoveryDisputeSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      return toDispute(await app.caseWork.resolveDispute(request.params.id, request.params.recoveryId, actor, request.body.note))
    },
  )
}

export default recoveryRoutes
