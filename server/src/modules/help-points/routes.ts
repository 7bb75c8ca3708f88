import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  BBOX_MAX_ITEMS,
  BboxQuery,
  BboxResponseSchema,
  CreateHelpPointBody,
  ErrorResponseSchema,
  HelpPointChangesQuery,
  HelpPointChangesResponseSchema,
  HelpPointDetailSchema,
  HelpPointStatusBody,
  IdParamsSchema,
  NearbyQuery,
  NearbyResponseSchema,
  UpdateHelpPointBody,
  type HelpPointStatus,
  type NearbyResponse,
} from '@huxin/shared'
import { parseBbox } from '../../lib/bbox'
import { notFound, validationFailed } from '../../lib/http-errors'
import { eventChange, type HelpPointListRow } from './repository'
import { createClockNow } from './hours'
import {
  channelText,
  createNearbyTextCache,
  liveState,
  renderChannel,
  renderItem,
  renderNearby,
  type ItemText,
  type SerializeNearby,
} from './nearby'
import {
  createHelpPoint,
  deleteHelpPoint,
  setHelpPointStatus,
  toHelpPointDetail,
  toHelpPointItem,
  updateHelpPoint,
} from './service'
import importRoute from './import-routes'

const secured = [{ bearerAuth: [] }]
const authErrors = { 401: ErrorResponseSchema, 403: ErrorResponseSchema }
/** With openNow=true the nearest rows are read in growing batches until enough are open. */
const OPEN_NOW_MAX_SCAN = 2_000
/** The polling fallback repeats the last seconds: a change committed late is not missed. */
const CHANGES_OVERLAP_MS = 10_000
const CHANGES_MAX_ITEMS = 1_000

/**
 * Help points (API.md, Help points; docs/help-points.md). Reading is public — a worker needs the
 * map before signing in; admins edit; staff set the live status.
 */
const helpPoints: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.repos.helpPoints
  const shanghaiClockNow = createClockNow(app.calendar)
  const deps = () => ({ db: app.db, helpPoints: repo })
  const adminOnly = app.requireRole('admin')
  const staffOnly = app.requireRole('inspector', 'supervisor', 'admin')
  // nearby's item texts, per row version, and the channels' texts, per list the live plugin keeps.
  const nearbyTexts = createNearbyTextCache()
  let channelTexts: { rows: HelpPointListRow[]; texts: ItemText[] } | undefined

  app.get(
    '/nearby',
    {
      schema: {
        tags: ['help-points'],
        summary: 'Nearest help points first (great-circle distance), with channels that need no visit',
        querystring: NearbyQuery,
        response: { 200: NearbyResponseSchema, 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const { lat, lng, kind, openNow } = request.query
      const limit = request.query.limit ?? 10
      const clock = shanghaiClockNow()
      const serialize = reply.getSerializationFunction('200') as SerializeNearby
      const items: string[] = []
      if (kind !== 'hotline') {
        let batch = openNow ? limit * 4 : limit
        for (;;) {
          const { rows } = await repo.nearby(lat, lng, batch, kind)
          const found = await nearbyTexts.resolve(rows, async (ids) => (await repo.listRows(ids)).rows, clock, serialize)
          items.length = 0
          for (const { text, distanceM } of found) {
            const state = liveState(text, clock)
            if (openNow && !state.openNow) continue
            items.push(renderItem(text, state, distanceM))
            if (items.length === limit) break
          }
          if (!openNow || items.length >= limit || rows.length < batch || batch >= OPEN_NOW_MAX_SCAN) break
          batch = Math.min(batch * 4, OPEN_NOW_MAX_SCAN)
        }
      }
      const remote = await app.helpPointsLive.remoteRows()
      if (channelTexts?.rows !== remote) channelTexts = { rows: remote, texts: remote.map((row) => channelText(row, clock, serialize)) }
      const channels: string[] = []
      for (const text of channelTexts.texts) {
        if (kind !== undefined && text.kind !== kind) continue
        const state = liveState(text, clock)
        if (!openNow || state.openNow) channels.push(renderChannel(text, state))
      }
      // Already JSON in the schema's shape and order (services/help-point-nearby.ts; the route's
      // tests compare it with the schema's own serialisation): Fastify sends a JSON string as is.
      return reply.type('application/json; charset=utf-8').send(renderNearby(items, channels) as unknown as NearbyResponse)
    },
  )

  app.get(
    '/',
    {
      schema: {
        tags: ['help-points'],
        summary: `Help points inside the map viewport (at most ${BBOX_MAX_ITEMS}; \`truncated\` says when more lie in it)`,
        querystring: BboxQuery,
        response: { 200: BboxResponseSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => {
      const box = parseBbox(request.query.bbox)
      const clock = shanghaiClockNow()
      const { rows } = await repo.bbox(box, request.query.kind, BBOX_MAX_ITEMS + 1)
      return {
        items: rows.slice(0, BBOX_MAX_ITEMS).map((row) => toHelpPointItem(row, clock, false)),
        truncated: rows.length > BBOX_MAX_ITEMS,
      }
    },
  )

  app.get(
    '/stream',
    {
      schema: {
        tags: ['help-points'],
        summary:
          'Live changes as Server-Sent Events: event `help-point` with {id, status, statusNote, statusChangedAt, change}; a comment line every 20 s',
        produces: ['text/event-stream'],
        response: { 200: Type.String({ description: 'text/event-stream' }) },
      },
    },
    (request, reply) => {
      reply.hijack()
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx and similar proxies must not buffer the stream.
        'x-accel-buffering': 'no',
      })
      reply.raw.write('retry: 3000\n: connected\n\n')
      app.helpPointsLive.addStream(reply.raw)
    },
  )

  app.get(
    '/changes',
    {
      schema: {
        tags: ['help-points'],
        summary: 'Changes since a moment: the polling fallback of /stream (weapp polls every 4 s)',
        querystring: HelpPointChangesQuery,
        response: { 200: HelpPointChangesResponseSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => {
      const since = new Date(request.query.since)
      if (Number.isNaN(since.getTime())) throw validationFailed([{ field: 'querystring.since', message: '格式不正确' }])
      const [{ rows }, now] = await Promise.all([repo.changesSince(request.query.since, CHANGES_MAX_ITEMS), repo.now()])
      const items = rows.map((row) => ({
        id: row.id,
        status: row.status as HelpPointStatus,
        statusNote: row.status_note,
        statusChangedAt: row.status_changed_at === null ? null : new Date(row.status_changed_at).toISOString(),
        change: eventChange(row.change),
        at: new Date(row.changed_at).toISOString(),
      }))
      const last = rows[rows.length - 1]
      const next =
        rows.length >= CHANGES_MAX_ITEMS && last
          ? last.cursor
          : new Date(Math.max(since.getTime(), now.getTime() - CHANGES_OVERLAP_MS)).toISOString()
      return { items, next }
    },
  )

  await app.register(importRoute, { prefix: '/import' })

  app.get(
    '/:id',
    {
      schema: {
        tags: ['help-points'],
        summary: 'One help point: hours, exceptions, services, recent status changes',
        params: IdParamsSchema,
        response: { 200: HelpPointDetailSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => {
      const row = await repo.findById(request.params.id)
      if (!row) throw notFound('服务点')
      return toHelpPointDetail(row, shanghaiClockNow(), await repo.history(row.id, 20))
    },
  )

  app.post(
    '/',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['help-points'],
        summary: 'Create a help point (admin)',
        security: secured,
        body: CreateHelpPointBody,
        response: { 201: HelpPointDetailSchema, 400: ErrorResponseSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const row = await createHelpPoint(deps(), request.body, request.user.sub)
      request.log.info({ helpPointId: row.id, by: request.user.sub }, 'help point created')
      return reply.status(201).header('location', `/api/v1/help-points/${row.id}`).send(toHelpPointDetail(row, shanghaiClockNow(), []))
    },
  )

  app.patch(
    '/:id',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['help-points'],
        summary: 'Change a help point (admin); the status has its own route',
        security: secured,
        params: IdParamsSchema,
        body: UpdateHelpPointBody,
        response: { 200: HelpPointDetailSchema, 400: ErrorResponseSchema, ...authErrors, 404: ErrorResponseSchema },
      },
    },
    async (request) => {
      const row = await updateHelpPoint(deps(), request.params.id, request.body, request.user.sub)
      request.log.info({ helpPointId: row.id, by: request.user.sub }, 'help point updated')
      return toHelpPointDetail(row, shanghaiClockNow(), await repo.history(row.id, 20))
    },
  )

  app.delete(
    '/:id',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['help-points'],
        summary: 'Delete a help point (admin); the audit table keeps what it was',
        security: secured,
        params: IdParamsSchema,
        response: { 204: Type.Null(), 400: ErrorResponseSchema, ...authErrors, 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      await deleteHelpPoint(deps(), request.params.id, request.user.sub)
      request.log.info({ helpPointId: request.params.id, by: request.user.sub }, 'help point deleted')
      return reply.status(204).send(null)
    },
  )

  app.patch(
    '/:id/status',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['help-points'],
        summary: 'Set the live status (inspector, supervisor, admin); open map pages see it within seconds',
        security: secured,
        params: IdParamsSchema,
        body: HelpPointStatusBody,
        response: { 200: HelpPointDetailSchema, 400: ErrorResponseSchema, ...authErrors, 404: ErrorResponseSchema },
      },
    },
    async (request) => {
      const { status, note } = request.body
      const row = await setHelpPointStatus(deps(), request.params.id, status, note?.trim() || null, request.user.sub)
      request.log.info({ helpPointId: row.id, status, by: request.user.sub }, 'help point status set')
      const clock = shanghaiClockNow()
      return toHelpPointDetail(row, clock, await repo.history(row.id, 20))
    },
  )
}

export default helpPoints
