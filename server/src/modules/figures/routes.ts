import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { StatsQuery, StatsSchema } from '@huxin/shared'
import { loadActor } from '../casework/index'
import { computeStats, statsCsv } from './stats'
import { BEARER_AUTH, errorResponses } from '../../lib/http-errors'

const errors = errorResponses(400, 401, 403, 404)

/** GET /api/v1/stats and /api/v1/stats.csv (API.md, Case work); definitions in docs/casework.md. */
const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = app.requireRole('inspector', 'supervisor', 'admin')

  app.get(
    '/stats',
    {
      preHandler: staff,
      schema: {
        tags: ['case work'],
        summary: "The bureau's figures for a period (default: the current year, Asia/Shanghai) and town (within the caller's jurisdiction); definitions in docs/figures.md",
        security: BEARER_AUTH,
        querystring: StatsQuery,
        response: { 200: StatsSchema, ...errors },
      },
    },
    async (request) => computeStats(app.repos.figures, await loadActor(app.db, request.user), request.query),
  )

  app.get(
    '/stats.csv',
    {
      preHandler: staff,
      schema: {
        tags: ['case work'],
        summary: 'The same figures as CSV (header row + one row)',
        security: BEARER_AUTH,
        querystring: StatsQuery,
        response: { 200: Type.String({ description: 'text/csv' }), ...errors },
      },
    },
    async (request, reply) => {
      const stats = await computeStats(app.repos.figures, await loadActor(app.db, request.user), request.query)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="huxin-stats-${stats.from}-${stats.to}.csv"`)
        .send(statsCsv(stats))
    },
  )
}

export default statsRoutes
