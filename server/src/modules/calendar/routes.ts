import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ErrorResponseSchema } from '@huxin/shared'
import { BEARER_AUTH, errorResponses, notFound, validationFailed } from '../../lib/http-errors'
import type { CalendarOverride } from './repository'

const DayParams = Type.Object({ day: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' }) })
const OverrideSchema = Type.Object({
  day: Type.String(),
  kind: Type.Enum(['workday', 'holiday']),
  note: Type.Optional(Type.String()),
  updatedAt: Type.String({ format: 'date-time' }),
})
const errors = errorResponses(400, 401, 403)

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
      if (!(await app.repos.calendar.remove(request.params.day))) throw notFound('日历调整')
      await app.reloadCalendar()
      request.log.info({ day: request.params.day, by: request.user.sub }, 'calendar override removed')
      return reply.status(204).send(null)
    },
  )
}

export default calendar
