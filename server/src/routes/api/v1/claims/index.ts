import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ClaimSchema,
  CreateClaimBody,
  CreateClaimHeaders,
  ErrorResponseSchema,
  IdParamsSchema,
} from '@huxin/shared'
import { notFound } from '../../../../lib/http-errors'
import { toClaim } from '../../../../services/claim-view'
import { fileClaim } from '../../../../services/file-claim'

/**
 * Claims (API.md). Sign-in arrives with the worker-identity issue: then the idempotency scope and
 * the ownership check below become the signed-in worker's id, and GET answers 404 for claims that
 * are not the caller's.
 */
const claims: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/',
    {
      schema: {
        tags: ['claims'],
        summary: 'File a wage claim (safe to retry with the same Idempotency-Key)',
        headers: CreateClaimHeaders,
        body: CreateClaimBody,
        response: {
          201: ClaimSchema,
          400: ErrorResponseSchema,
          409: ErrorResponseSchema,
          415: ErrorResponseSchema,
          422: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const { claim, replayed } = await fileClaim(
        { db: app.db, claims: app.repos.claims, idempotency: app.repos.idempotency, pii: app.pii },
        { body: request.body, idempotencyKey: request.headers['idempotency-key'], scope: 'anonymous' },
      )
      const events = await app.repos.claims.listEvents(claim.id, 'worker')
      if (replayed) reply.header('idempotent-replayed', 'true')
      else request.log.info({ claimId: claim.id, reference: claim.reference, town: claim.town }, 'claim filed')
      return reply.status(201).header('location', `/api/v1/claims/${claim.id}`).send(toClaim(claim, events))
    },
  )

  app.get(
    '/:id',
    {
      schema: {
        tags: ['claims'],
        summary: 'One claim with its timeline',
        params: IdParamsSchema,
        response: { 200: ClaimSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => {
      const claim = await app.repos.claims.findById(request.params.id)
      if (!claim) throw notFound('投诉')
      const events = await app.repos.claims.listEvents(claim.id, 'worker')
      return toClaim(claim, events)
    },
  )
}

export default claims
