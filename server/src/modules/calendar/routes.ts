import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ErrorResponseSchema } from '@huxin/shared'
import { shanghaiDayStart } from '@huxin/shared'
import { BEARER_AUTH, errorResponses, notFound, validationFailed } from '../../lib/http-errors'
import type { CalendarOverride, CalendarYear } from './repository'

const DayParams = Type.Object({ day: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' }) })
const OverrideSchema = Type.Object({
  day: Type.String(),
  kind: Type.Enum(['workday', 'holiday']),
  note: Type.Optional(Type.String()),
  updatedAt: Type.String({ format: 'date-time' }),
})
const errors = errorResponses(400, 401, 403)

const YearSchema = Type.Object({
  year: Type.Integer(),
  complete: Type.Boolean({ description: 'deadlines ending in this year are final (not provisional)' }),
  source: Type.Enum(['package', 'admin'], { description: 'package: the holiday package covers the year; admin: declared by an admin' }),
  note: Type.Optional(Type.String()),
  updatedAt: Type.Optional(Type.String({ format: 'date-time' })),
})
const KIND_WORDS = { workday: '调为工作日', holiday: '调为休息日' } as const

const view = (o: CalendarOverride) => ({ day: o.day, kind: o.kind, note: o.note ?? undefined, updatedAt: o.updatedAt.toISOString() })

const isRealDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day
}

/**
 * Admins correct the holiday calendar (DOMAIN.md, Time limits): a day declared a holiday or a
 * make-up workday counts that way in every legal deadline computed afterwards.
 */
const calendar: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', app.requireRole('admin'))

  app.get(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Calendar overrides, optionally of one year',
        security: BEARER_AUTH,
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
        response: { 200: Type.Object({ items: Type.Array(OverrideSchema) }), ...errors },
      },
    },
    async (request) => {
      const { year } = request.query
      return { items: (await app.repos.calendar.list(year)).map(view) }
    },
  )

  app.put(
    '/:day',
    {
      schema: {
        tags: ['admin'],
        summary: 'Declare a day a holiday or a (make-up) workday',
        security: BEARER_AUTH,
        params: DayParams,
        body: Type.Object(
          { kind: Type.Enum(['workday', 'holiday']), note: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: OverrideSchema, ...errors },
      },
    },
    async (request) => {
      const { day } = request.params
      if (!isRealDay(day)) throw validationFailed([{ field: 'params.day', message: '日期不存在' }])
      const override = await app.repos.calendar.upsert(day, { kind: request.body.kind, note: request.body.note ?? null, updatedBy: request.user.sub })
      await app.reloadCalendar()
      request.log.info({ day, kind: override.kind, by: request.user.sub }, 'calendar override set')
      await app.calendarChanges.changed({ from: shanghaiDayStart(day), what: `${day} ${KIND_WORDS[override.kind]}`, actorId: request.user.sub })
      return view(override)
    },
  )

  app.delete(
    '/:day',
    {
      schema: {
        tags: ['admin'],
        summary: 'Remove an override: the package calendar applies again',
        security: BEARER_AUTH,
        params: DayParams,
        response: { 204: Type.Null(), ...errors, 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const { day } = request.params
      if (!(await app.repos.calendar.remove(day))) throw notFound('日历调整')
      await app.reloadCalendar()
      request.log.info({ day, by: request.user.sub }, 'calendar override removed')
      await app.calendarChanges.changed({ from: shanghaiDayStart(day), what: `${day} 取消调整`, actorId: request.user.sub })
      return reply.status(204).send(null)
    },
  )
}

/** The years whose calendar is final: the package's, and those an admin declared complete. */
export const calendarYears: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', app.requireRole('admin'))
  const yearView = (y: CalendarYear) => ({
    year: y.year,
    complete: y.complete || app.calendar.isYearKnown(y.year),
    source: y.year <= app.calendar.packagedThroughYear ? ('package' as const) : ('admin' as const),
    note: y.note ?? undefined,
    updatedAt: y.updatedAt.toISOString(),
  })

  app.get(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Which years of the holiday calendar are complete (deadlines in other years are provisional)',
        security: BEARER_AUTH,
        response: { 200: Type.Object({ items: Type.Array(YearSchema) }), ...errors },
      },
    },
    async () => {
      const declared = new Map((await app.repos.calendar.listYears()).map((y) => [y.year, y]))
      const last = Math.max(app.calendar.packagedThroughYear + 1, ...declared.keys())
      const items = []
      for (let year = app.calendar.packagedThroughYear - 1; year <= last; year++) {
        const y = declared.get(year)
        items.push(
          y
            ? yearView(y)
            : { year, complete: app.calendar.isYearKnown(year), source: year <= app.calendar.packagedThroughYear ? ('package' as const) : ('admin' as const) },
        )
      }
      return { items }
    },
  )

  app.put(
    '/:year',
    {
      schema: {
        tags: ['admin'],
        summary: "Declare a year's calendar complete once the State Council's notice is entered (or take it back)",
        security: BEARER_AUTH,
        params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        body: Type.Object({ complete: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
        response: { 200: YearSchema, ...errors },
      },
    },
    async (request) => {
      const { year } = request.params
      if (year <= app.calendar.packagedThroughYear) {
        throw validationFailed([{ field: 'params.year', message: '该年度节假日已由日历数据包提供，无需确认' }])
      }
      const saved = await app.repos.calendar.setYear(year, { complete: request.body.complete, note: request.body.note ?? null, updatedBy: request.user.sub })
      await app.reloadCalendar()
      request.log.info({ year, complete: saved.complete, by: request.user.sub }, 'calendar year marked')
      await app.calendarChanges.changed({
        from: shanghaiDayStart(`${year}-01-01`),
        what: `${year} 年节假日安排${saved.complete ? '已确认完整' : '改为未确认'}`,
        actorId: request.user.sub,
      })
      return yearView(saved)
    },
  )
}

export default calendar
