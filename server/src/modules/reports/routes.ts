import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  ClaimSchema,
  CreateClaimHeaders,
  CreateDrawBody,
  CreateInspectionBody,
  CreateReportBody,
  DrawListSchema,
  DrawSchema,
  IdParamsSchema,
  ReportSchema,
} from '@huxin/shared'
import { BEARER_AUTH, errorResponses, HttpError } from '../../lib/http-errors'
import { canSeeClaim, isStaff, jurisdictionTowns, loadActor } from '../casework/index'
import { toClaim } from '../claims/index'
import { drawInspections, fileReport, openInspection, type ReportDeps } from './service'
import { toDraw, toReport } from './view'

const outsideJurisdiction = (town: string) =>
  new HttpError(403, 'OUTSIDE_JURISDICTION', '只能登记本人负责镇（街道）的案件', [{ field: 'town', message: town }])

/** POST /api/v1/reports (API.md, Staff-side claims): staff, or anonymous from the app. */
export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): ReportDeps => ({ repo: app.repos.reports, claims: app.repos.claims, pii: app.pii, calendar: app.calendar })

  app.post(
    '/',
    {
      schema: {
        tags: ['reports'],
        summary:
          'A report (举报) of any kind: staff (token; `channel`, default hotline; a reporter or anonymous) or anonymous from the app (no token or a worker token; rate-limited per IP). Idempotency-Key required',
        security: [{}, ...BEARER_AUTH],
        headers: CreateClaimHeaders,
        body: CreateReportBody,
        response: { 201: ReportSchema, ...errorResponses(400, 401, 403, 409, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      let staffId: string | undefined
      let userId: string | undefined
      if (request.headers.authorization !== undefined) {
        await app.authenticate(request, reply)
        const actor = await loadActor(app.db, request.user)
        if (isStaff(actor)) {
          if (!canSeeClaim(actor, { town: request.body.town, claimantUserId: null })) throw outsideJurisdiction(request.body.town)
          staffId = actor.id
        } else userId = actor.id
      }
      const { claim, replayed } = await fileReport(deps(), {
        body: request.body,
        idempotencyKey: request.headers['idempotency-key'],
        reporter: staffId ? { kind: 'staff', staffId } : { kind: 'app', userId, ip: request.ip },
      })
      if (replayed) reply.header('idempotent-replayed', 'true')
      else request.log.info({ claimId: claim.id, reference: claim.reference, kind: claim.reportKind }, 'report filed')
      return reply.status(201).header('location', `/api/v1/claims/${claim.id}`).send(toReport(claim, staffId !== undefined))
    },
  )
}

/** Bureau-initiated cases (docs/casework.md, Inspections): by hand, or a reproducible random draw. */
export const inspectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): ReportDeps => ({ repo: app.repos.reports, claims: app.repos.claims, pii: app.pii, calendar: app.calendar })
  const staff = app.requireRole('inspector', 'supervisor', 'admin')
  const supervisors = app.requireRole('supervisor', 'admin')

  app.post(
    '/',
    {
      preHandler: staff,
      schema: {
        tags: ['inspections'],
        summary: 'Open an inspection of one employer, entered by hand (in the caller’s towns); Idempotency-Key required',
        security: BEARER_AUTH,
        headers: CreateClaimHeaders,
        body: CreateInspectionBody,
        response: { 201: ClaimSchema, ...errorResponses(400, 401, 403, 409, 415, 422) },
      },
    },
    async (request, reply) => {
      const actor = await loadActor(app.db, request.user)
      if (!canSeeClaim(actor, { town: request.body.town, claimantUserId: null })) throw outsideJurisdiction(request.body.town)
      const { claim, replayed } = await openInspection(deps(), {
        body: request.body,
        idempotencyKey: request.headers['idempotency-key'],
        staffId: actor.id,
      })
      if (replayed) reply.header('idempotent-replayed', 'true')
      return reply.status(201).header('location', `/api/v1/claims/${claim.id}`).send(toClaim(claim, undefined, { staff: true }))
    },
  )

  app.post(
    '/draws',
    {
      preHandler: supervisors,
      schema: {
        tags: ['inspections'],
        summary:
          'A random draw of `count` employers from the register (of `town`, else the caller’s towns), reproducible from its stored seed; each drawn employer becomes an inspection case. Idempotency-Key required',
        security: BEARER_AUTH,
        headers: CreateClaimHeaders,
        body: CreateDrawBody,
        response: { 201: DrawSchema, ...errorResponses(400, 401, 403, 409, 415, 422) },
      },
    },
    async (request, reply) => {
      const actor = await loadActor(app.db, request.user)
      if (request.body.town && !canSeeClaim(actor, { town: request.body.town, claimantUserId: null })) throw outsideJurisdiction(request.body.town)
      const { draw, replayed } = await drawInspections(deps(), {
        body: request.body,
        idempotencyKey: request.headers['idempotency-key'],
        staffId: actor.id,
        towns: jurisdictionTowns(actor),
      })
      if (replayed) reply.header('idempotent-replayed', 'true')
      const cases = await app.repos.reports.casesOfDraw(draw.id)
      return reply.status(201).send(toDraw(draw, cases))
    },
  )

  app.get(
    '/draws',
    {
      preHandler: staff,
      schema: {
        tags: ['inspections'],
        summary: 'The latest draws (seed, pool size and digest; newest first)',
        security: BEARER_AUTH,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }),
        response: { 200: DrawListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = await app.repos.reports.listDraws(request.query.limit ?? 20)
      return { items: rows.map((row) => { const { cases: _c, employers: _e, ...rest } = toDraw(row, []); return rest }) }
    },
  )

  app.get(
    '/draws/:id',
    {
      preHandler: staff,
      schema: {
        tags: ['inspections'],
        summary: 'One draw: seed, method, pool digest, the employers drawn and their cases (those in the caller’s towns)',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        response: { 200: DrawSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      const draw = await app.repos.reports.findDraw(request.params.id)
      if (!draw) throw new HttpError(404, 'NOT_FOUND', '抽查记录不存在')
      const cases = (await app.repos.reports.casesOfDraw(draw.id)).filter((c) => canSeeClaim(actor, c))
      return toDraw(draw, cases)
    },
  )
}
