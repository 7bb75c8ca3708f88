import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
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
} from '@huxin/shared'
import { parseBbox } from '../../lib/bbox'
import { createClockNow } from './hours'
import { createNearbyAnswer, type SerializeNearby } from './nearby'
import {
  createHelpPoint,
  deleteHelpPoint,
  detailOf,
  findHelpPointDetail,
  helpPointChangesSince,
  helpPointsInBox,
  setHelpPointStatus,
  toHelpPointDetail,
  updateHelpPoint,
} from './service'
import importRoute from './import-routes'
import { BEARER_AUTH } from '../../lib/http-errors'

const authErrors = { 401: ErrorResponseSchema, 403: ErrorResponseSchema }

/**
 * Sends JSON text already in the route's 200 schema, shape and order: Fastify sends a string
 * with a JSON content type as it is, without serialising it again.
 */
function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json)
}

/**
 * Help points (API.md, Help points; docs/help-points.md). Reading is public — a worker needs the
 * map before signing in; admins edit; staff set the live status.
 */
const helpPoints: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.repos.helpPoints
  const shanghaiClockNow = createClockNow(app.calendar)
  const adminOnly = app.requireRole('admin')
  const staffOnly = app.requireRole('inspector', 'supervisor', 'admin')
  const nearbyAnswer = createNearbyAnswer(repo, () => app.helpPointsLive.remoteRows())

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
      const json = await nearbyAnswer(request.query, shanghaiClockNow(), reply.getSerializationFunction('200') as SerializeNearby)
      return sendJsonText(reply, json)
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
    async (request) => helpPointsInBox(repo, parseBbox(request.query.bbox), request.query.kind, BBOX_MAX_ITEMS, shanghaiClockNow()),
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
    async (request) => helpPointChangesSince(repo, request.query.since),
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
    async (request) => findHelpPointDetail(repo, request.params.id, shanghaiClockNow()),
  )

  app.post(
    '/',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['help-points'],
        summary: 'Create a help point (admin)',
        security: BEARER_AUTH,
        body: CreateHelpPointBody,
        response: { 201: HelpPointDetailSchema, 400: ErrorResponseSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const row = await createHelpPoint(repo, request.body, request.user.sub)
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
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: UpdateHelpPointBody,
        response: { 200: HelpPointDetailSchema, 400: ErrorResponseSchema, ...authErrors, 404: ErrorResponseSchema },
      },
    },
    async (request) => {
      const row = await updateHelpPoint(repo, request.params.id, request.body, request.user.sub)
      request.log.info({ helpPointId: row.id, by: request.user.sub }, 'help point updated')
      return detailOf(repo, row, shanghaiClockNow())
    },
  )

  app.delete(
    '/:id',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['help-points'],
        summary: 'Delete a help point (admin); the audit table keeps what it was',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        response: { 204: Type.Null(), 400: ErrorResponseSchema, ...authErrors, 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      await deleteHelpPoint(repo, request.params.id, request.user.sub)
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
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: HelpPointStatusBody,
        response: { 200: HelpPointDetailSchema, 400: ErrorResponseSchema, ...authErrors, 404: ErrorResponseSchema },
      },
    },
    async (request) => {
      const { status, note } = request.body
      const row = await setHelpPointStatus(repo, request.params.id, status, note?.trim() || null, request.user.sub)
      request.log.info({ helpPointId: row.id, status, by: request.user.sub }, 'help point status set')
      return detailOf(repo, row, shanghaiClockNow())
    },
  )
}

export default helpPoints
