import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  AttachmentSchema,
  ClaimDetailSchema,
  ClaimListSchema,
  ClaimSchema,
  CreateClaimBody,
  CreateClaimHeaders,
  ErrorResponseSchema,
  IdParamsSchema,
  MAX_ATTACHMENT_BYTES,
  RatingBody,
  StaffClaimListQuery,
  WithdrawClaimBody,
} from '@huxin/shared'
import { BEARER_AUTH, HttpError, validationFailed } from '../../lib/http-errors'
import { decodeCursor, emptyRecovered, encodeCursor } from './repository/index'
import { toAttachment, toClaim, toClaimDetail } from './claim-view'
import { canSeeClaim, isStaff, loadActor } from '../casework/index'
import { fileClaim } from './file-claim'
import { malformedMultipart } from '../../lib/multipart'
import { isSafeText } from '../../lib/safe-text'
import { addAttachment, findOwnClaim, rateClaim, withdrawClaim } from './worker-claims'

const authErrors = { 401: ErrorResponseSchema, 403: ErrorResponseSchema }

/**
 * 422 of an Idempotency-Key reused with another body: the error also names the claim the key
 * filed (file-claim.ts), so the app can show it instead of filing again.
 */
const KeyReusedSchema = Type.Object({
  error: Type.Object({
    ...ErrorResponseSchema.properties.error.properties,
    claim: Type.Optional(Type.Pick(ClaimSchema, ['id', 'reference', 'acceptDueAt', 'acceptDueProvisional'])),
  }),
})

/**
 * Claims (API.md). Workers file and follow their own claims; staff access arrives with case work.
 */
const claims: FastifyPluginAsyncTypebox = async (app) => {
  const workerOnly = app.requireRole('worker')
  const workerDeps = () => ({ db: app.db, claims: app.repos.claims, evidence: app.evidence })

  app.post(
    '/',
    {
      preHandler: app.requireRole('worker', 'inspector', 'supervisor', 'admin'),
      schema: {
        tags: ['claims'],
        summary:
          'File a wage claim (safe to retry with the same Idempotency-Key; at most HUXIN_FILING_MAX_PER_HOUR / _PER_DAY new claims per worker → 429). Staff file for a worker: `channel` and `workerConsent` required, in their towns only',
        security: BEARER_AUTH,
        headers: CreateClaimHeaders,
        body: CreateClaimBody,
        response: {
          201: ClaimSchema,
          400: ErrorResponseSchema,
          ...authErrors,
          409: ErrorResponseSchema,
          415: ErrorResponseSchema,
          422: KeyReusedSchema,
          429: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = await loadActor(app.db, request.user)
      const staff = isStaff(actor)
      // Staff file only where they work (docs/casework.md, Jurisdiction).
      if (staff && !canSeeClaim(actor, { town: request.body.town, claimantUserId: null })) {
        throw new HttpError(403, 'OUTSIDE_JURISDICTION', '只能登记本人负责镇（街道）的投诉', [{ field: 'town', message: request.body.town }])
      }
      const { claim, events: known, replayed, groupWorkers: counted } = await fileClaim(
        { claims: app.repos.claims, pii: app.pii, calendar: app.calendar, projectOf: (id) => app.repos.projects.forFiling(id) },
        {
          body: request.body,
          idempotencyKey: request.headers['idempotency-key'],
          filer: staff ? { kind: 'staff', staffId: actor.id } : { kind: 'worker', userId: actor.id },
        },
      )
      const events = known ?? (await app.repos.claims.listEvents(claim.id, staff ? undefined : 'worker'))
      if (replayed) reply.header('idempotent-replayed', 'true')
      else request.log.info({ claimId: claim.id, reference: claim.reference, town: claim.town }, 'claim filed')
      // A new claim has recovered nothing yet; only its group's size needs a look (group case?).
      const groupWorkers = counted ?? (claim.groupId ? await app.repos.claims.groupWorkers(claim.groupId) : undefined)
      const facts = { recovered: emptyRecovered(), groupWorkers: Math.max(claim.workersCount, groupWorkers ?? 0) }
      return reply.status(201).header('location', `/api/v1/claims/${claim.id}`).send(toClaim(claim, events, { facts, staff }))
    },
  )

  app.get(
    '/',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['claims'],
        summary: "Claims, newest first: a worker's own; staff their jurisdiction (filters apply to staff)",
        security: BEARER_AUTH,
        querystring: StaffClaimListQuery,
        response: { 200: ClaimListSchema, 400: ErrorResponseSchema, ...authErrors },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 20
      const after = request.query.cursor === undefined ? undefined : decodeCursor(request.query.cursor)
      if (request.query.cursor !== undefined && !after) {
        throw validationFailed([{ field: 'querystring.cursor', message: '无效的分页位置' }])
      }
      const actor = await loadActor(app.db, request.user)
      const rows =
        actor.role === 'worker'
          ? await app.repos.claims.listForClaimant(actor.id, limit + 1, after)
          : await app.caseWork.listForStaff(actor, request.query, limit + 1, after)
      const page = rows.slice(0, limit)
      const facts = await app.repos.claims.loadFacts(page)
      const last = page[page.length - 1]
      return {
        items: page.map((row) => toClaim(row, undefined, { facts: facts.get(row.id), staff: actor.role !== 'worker' })),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      }
    },
  )

  app.get(
    '/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['claims'],
        summary: 'One claim with its timeline, evidence and recoveries (staff: internal events too; full PII for the assignee and above, logged)',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        response: { 200: ClaimDetailSchema, 400: ErrorResponseSchema, ...authErrors, 404: ErrorResponseSchema },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      const staff = isStaff(actor)
      const claim = staff
        ? await app.caseWork.findVisible(request.params.id, actor)
        : await findOwnClaim(workerDeps(), request.params.id, request.user.sub)
      const [events, files, recoveries, facts] = await Promise.all([
        app.repos.claims.listEvents(claim.id, staff ? undefined : 'worker'),
        app.repos.claims.listAttachments(claim.id),
        app.caseWork.listRecoveries(claim.id),
        app.repos.claims.loadFacts([claim]),
      ])
      const pii = staff ? await app.caseWork.revealPii(actor, claim) : undefined
      const view = toClaimDetail(claim, events, files, { facts: facts.get(claim.id), pii, staff, recoveries })
      return { ...view, recoveries: view.recoveries && app.caseWork.withReversalRights(actor, view.recoveries) }
    },
  )

  app.post(
    '/:id/withdraw',
    {
      preHandler: workerOnly,
      schema: {
        tags: ['claims'],
        summary: 'Withdraw an own claim before it is closed',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: Type.Optional(WithdrawClaimBody),
        response: { 200: ClaimSchema, 400: ErrorResponseSchema, ...authErrors, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
      },
    },
    async (request) => {
      const claim = await withdrawClaim({ ...workerDeps(), workflow: app.caseWorkflow }, request.params.id, request.user.sub, request.body?.reason)
      const facts = await app.repos.claims.loadFacts([claim])
      return toClaim(claim, await app.repos.claims.listEvents(claim.id, 'worker'), { facts: facts.get(claim.id) })
    },
  )

  app.post(
    '/:id/rating',
    {
      preHandler: workerOnly,
      schema: {
        tags: ['claims'],
        summary: 'Rate an own closed claim 1–5 with an optional comment, once (again → 409; not closed → 409 NOT_CLOSED)',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: RatingBody,
        response: { 201: ClaimSchema, 400: ErrorResponseSchema, ...authErrors, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const claim = await rateClaim({ db: app.db, workflow: app.caseWorkflow }, request.params.id, request.user.sub, request.body)
      const facts = await app.repos.claims.loadFacts([claim])
      const view = toClaim(claim, await app.repos.claims.listEvents(claim.id, 'worker'), { facts: facts.get(claim.id) })
      return reply.status(201).send(view)
    },
  )

  app.post(
    '/:id/attachments',
    {
      preHandler: workerOnly,
      schema: {
        tags: ['claims'],
        summary: 'Upload one evidence file (multipart field `file`: JPEG, PNG, WebP, HEIC or PDF, ≤ 10 MB)',
        security: BEARER_AUTH,
        consumes: ['multipart/form-data'],
        params: IdParamsSchema,
        response: {
          200: AttachmentSchema,
          201: AttachmentSchema,
          400: ErrorResponseSchema,
          ...authErrors,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
          413: ErrorResponseSchema,
          415: ErrorResponseSchema,
          503: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件')
      }
      try {
        const part = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5 } })
        if (!part || part.fieldname !== 'file') {
          part?.file.resume()
          throw validationFailed([{ field: 'file', message: '请选择要上传的文件' }])
        }
        if (!isSafeText(part.filename)) {
          part.file.resume()
          throw validationFailed([{ field: 'file.filename', message: '文件名含有无法保存的字符' }])
        }
        const { attachment, created } = await addAttachment(workerDeps(), request.params.id, request.user.sub, {
          file: part.file,
          fileName: part.filename,
          truncated: () => part.file.truncated,
        })
        return await reply.status(created ? 201 : 200).send(toAttachment(attachment))
      } catch (error) {
        throw malformedMultipart(error) ?? error
      }
    },
  )

  app.get(
    '/:id/attachments/:attachmentId',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['claims'],
        summary: 'Download one evidence file (claimant and staff only; each staff download is logged in pii_access_log)',
        security: BEARER_AUTH,
        params: Type.Object({ id: IdParamsSchema.properties.id, attachmentId: IdParamsSchema.properties.id }),
        response: {
          200: Type.Unsafe<string>({ type: 'string', format: 'binary', description: 'the file, with its sniffed media type' }),
          400: ErrorResponseSchema,
          ...authErrors,
          404: ErrorResponseSchema,
          503: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = await loadActor(app.db, request.user)
      const claim = isStaff(actor)
        ? await app.caseWork.findVisible(request.params.id, actor)
        : await findOwnClaim(workerDeps(), request.params.id, request.user.sub)
      const file = await app.repos.claims.findAttachment(claim.id, request.params.attachmentId)
      if (!file) throw new HttpError(404, 'NOT_FOUND', '文件不存在')
      // Opened first: a download the store cannot serve (503) is not logged as a view.
      const stored = await app.evidence.open(file.sha256)
      try {
        if (isStaff(actor)) await app.caseWork.logEvidenceView(actor, claim.id, file.id)
      } catch (error) {
        stored.body.destroy()
        throw error
      }
      return reply
        .type(file.mime)
        .header('content-length', file.size)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="${file.sha256.slice(0, 16)}"`)
        .send(stored.body as unknown as string) // streamed, not serialised
    },
  )
}

export default claims
