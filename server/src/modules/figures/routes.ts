import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { StatsBreakdownSchema, StatsQuery, StatsSchema } from '@huxin/shared'
import { loadActor } from '../casework/index'
import { computeStats } from './stats'
import { figuresTable, tableCsv, tableXlsx } from './export'
import { BEARER_AUTH, errorResponses } from '../../lib/http-errors'

const errors = errorResponses(400, 401, 403, 404)

/** GET /api/v1/stats, /api/v1/stats.csv and /api/v1/stats.xlsx (API.md, Figures); definitions in docs/figures.md. */
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
    '/stats/breakdown',
    {
      preHandler: staff,
      schema: {
        tags: ['case work'],
        summary: 'The figures per town and per month of the period, and their total: the rows of the CSV as JSON',
        security: BEARER_AUTH,
        querystring: StatsQuery,
        response: { 200: StatsBreakdownSchema, ...errors },
      },
    },
    async (request) => {
      const table = await figuresTable(app.repos.figures, await loadActor(app.db, request.user), request.query)
      const of = (kind: 'town' | 'month') => table.rows.filter((r) => r.kind === kind)
      return {
        total: table.rows.at(-1)!.stats,
        towns: of('town').map((r) => ({ town: r.code ?? '', stats: r.stats })),
        months: of('month').map((r) => ({ month: r.code ?? '', stats: r.stats })),
      }
    },
  )

  const fileName = (from: string, to: string, town: string | undefined, ext: string) =>
    `huxin-stats-${from}-${to}${town ? `-${town}` : ''}.${ext}`

  app.get(
    '/stats.csv',
    {
      preHandler: staff,
      schema: {
        tags: ['case work'],
        summary: 'The same figures as CSV (UTF-8 with BOM, Chinese headers, yuan with two decimals): a row per town, per month and a total',
        security: BEARER_AUTH,
        querystring: StatsQuery,
        response: { 200: Type.String({ description: 'text/csv' }), ...errors },
      },
    },
    async (request, reply) => {
      const table = await figuresTable(app.repos.figures, await loadActor(app.db, request.user), request.query)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(table.from, table.to, table.town, 'csv')}"`)
        .send(tableCsv(table))
    },
  )

  app.get(
    '/stats.xlsx',
    {
      preHandler: staff,
      schema: {
        tags: ['case work'],
        summary: 'The same rows as the CSV, as an Excel workbook',
        security: BEARER_AUTH,
        querystring: StatsQuery,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), ...errors },
      },
    },
    async (request, reply) => {
      const table = await figuresTable(app.repos.figures, await loadActor(app.db, request.user), request.query)
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileName(table.from, table.to, table.town, 'xlsx')}"`)
        .send(await tableXlsx(table))
    },
  )
}

export default statsRoutes
