import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CLAIM_MAP_MAX_ITEMS, ClaimMapQuery, ClaimMapResponseSchema, ErrorResponseSchema } from '@huxin/shared'
import { loadActor } from './access'
import { claimMap } from './claim-map'
import { BEARER_AUTH } from '../../lib/http-errors'

/**
 * GET /api/v1/claims/map (docs/casework.md, Map): the open claims with a work site inside a map
 * box, in the caller's jurisdiction — one by one up to `limit`, else counted in grid cells.
 * No claimant data on the way out (the response schema has no field for it).
 */
const claimMapRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/map',
    {
      preHandler: app.requireRole('inspector', 'supervisor', 'admin'),
      schema: {
        tags: ['case work'],
        summary: `Open claims by work site inside bbox=minLng,minLat,maxLng,maxLat, your jurisdiction only: up to ${CLAIM_MAP_MAX_ITEMS} one by one, else grid clusters`,
        security: BEARER_AUTH,
        querystring: ClaimMapQuery,
        response: { 200: ClaimMapResponseSchema, 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      return claimMap({ repo: app.repos.casework, claims: app.repos.claims }, actor, request.query)
    },
  )
}

export default claimMapRoutes
