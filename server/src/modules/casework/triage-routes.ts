import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ErrorResponseSchema, TriageCountsSchema, TriageListSchema, TriagePrioritySchema, TriageQuery, UuidSchema } from '@huxin/shared'
import { loadActor } from './access'
import { toClaim } from '../claims/index'
import { claimPriority, triage, triageCounts } from './triage'
import { BEARER_AUTH, HttpError } from '../../lib/http-errors'

const STAFF_ERRORS = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema }

/**
 * GET /api/v1/triage (API.md, Case work): the acceptance queue, highest priority first (or another
 * sort), searchable; GET /api/v1/triage/counts: the desk's header figures; GET
 * /api/v1/triage/claims/:id: one claim's priority and reasons (docs/casework.md, Triage).
 */
const triageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staffOnly = app.requireRole('inspector', 'supervisor', 'admin')

  app.get(
    '/',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['case work'],
        summary: 'Claims awaiting acceptance in your jurisdiction, with priority and reasons (keyset-paginated)',
        security: BEARER_AUTH,
        querystring: TriageQuery,
        response: { 200: TriageListSchema, ...STAFF_ERRORS },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      const deps = { repo: app.repos.casework, calendar: app.calendar, hash: (value: string) => app.pii.hash(value) }
      const { entries, nextCursor } = await triage(deps, actor, request.query)
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

  app.get(
    '/counts',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['case work'],
        summary: 'Received today (Asia/Shanghai), awaiting acceptance and overdue claims in your jurisdiction',
        security: BEARER_AUTH,
        response: { 200: TriageCountsSchema, ...STAFF_ERRORS },
      },
    },
    async (request) => triageCounts({ repo: app.repos.casework }, await loadActor(app.db, request.user)),
  )

  app.get(
    '/claims/:id',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['case work'],
        summary: "One claim's triage priority and reasons, whatever its status",
        security: BEARER_AUTH,
        params: Type.Object({ id: UuidSchema }),
        response: { 200: TriagePrioritySchema, 404: ErrorResponseSchema, ...STAFF_ERRORS },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      const found = await claimPriority({ repo: app.repos.casework, calendar: app.calendar }, actor, request.params.id)
      if (!found) throw new HttpError(404, 'NOT_FOUND', '找不到这件投诉')
      return { id: request.params.id, ...found }
    },
  )
}

export default triageRoutes
