import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponseSchema, TriageListSchema, TriageQuery } from '@huxin/shared'
import { loadActor } from './access'
import { toClaim } from '../claims/index'
import { triage } from './triage'
import { BEARER_AUTH } from '../../lib/http-errors'

/** GET /api/v1/triage (API.md, Case work): the acceptance queue, highest priority first. */
const triageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      preHandler: app.requireRole('inspector', 'supervisor', 'admin'),
      schema: {
        tags: ['case work'],
        summary: 'Claims awaiting acceptance in your jurisdiction, with priority and reasons (keyset-paginated)',
        security: BEARER_AUTH,
        querystring: TriageQuery,
        response: { 200: TriageListSchema, 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      const { entries, nextCursor } = await triage({ repo: app.repos.casework, calendar: app.calendar }, actor, request.query)
      return {
        items: entries.map((e) => ({
          ...toClaim(e.row, undefined, { facts: { recovered: e.recovered, groupWorkers: e.groupWorkers } }),
          priority: e.priority,
          reasons: e.reasons,
        })),
        nextCursor,
      }
    },
  )
}

export default triageRoutes
