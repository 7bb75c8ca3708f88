import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  AssignBody,
  ClaimGroupSchema,
  ClaimSchema,
  ConfirmWorkersCountBody,
  DuplicateListSchema,
  IdParamsSchema,
  MergeBody,
  RecordRecoveryBody,
  RecoverySchema,
  SplitBody,
  TransitionBody,
} from '@huxin/shared'
import { loadActor } from './access'
import { forViewer, toClaim, toRecovery } from '../claims/index'
import type { ClaimRow } from '../claims/index'
import { BEARER_AUTH, errorResponses } from '../../lib/http-errors'

const errors = errorResponses(400, 401, 403, 404, 409)

/**
 * Case work on one claim (API.md, Case work): transitions, assignment, merge/split, duplicates,
 * group totals and the recovery ledger. Registered under /api/v1/claims beside the claims routes.
 */
const caseWork: FastifyPluginAsyncTypebox = async (app) => {
  const staffOnly = app.requireRole('inspector', 'supervisor', 'admin')
  const workerOnly = app.requireRole('worker')

  /** The claim as staff see it after a change (with its internal events). */
  const staffView = async (claim: ClaimRow) => {
    const [events, facts] = await Promise.all([app.repos.claims.listEvents(claim.id), app.repos.claims.loadFacts([claim])])
    return toClaim(claim, events, { facts: facts.get(claim.id), staff: true })
  }

  app.post(
    '/:id/transitions',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['case work'],
        summary: 'Apply a case action (state machine: docs/casework.md); a forbidden one → 409',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: TransitionBody,
        response: { 200: ClaimSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      const { servedAt, ...rest } = request.body
      const claim = await app.caseWorkflow.transition(request.params.id, actor, {
        ...rest,
        servedAt: servedAt === undefined ? undefined : new Date(servedAt),
      })
      request.log.info({ claimId: claim.id, action: request.body.action, status: claim.status }, 'claim transition')
      return staffView(claim)
    },
  )

  app.post(
    '/:id/assign',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['case work'],
        summary: 'Assign to an inspector of the claim’s town (supervisor/admin); an inspector may take an unassigned claim',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: AssignBody,
        response: { 200: ClaimSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      return staffView(await app.caseWork.assign(request.params.id, actor, request.body.inspectorId))
    },
  )

  app.post(
    '/:id/workers-count',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['case work'],
        summary: 'Confirm how many workers the claim concerns (audited as a `workers_count_confirmed` event)',
        description:
          'The declared `workersCount` stays on the claim; `workersCountConfirmed` is set. Triage weighs workers the system can count ' +
          '(the claimant, named co-workers, distinct claimants of the group) and a declared count only once confirmed here. ' +
          'Inspectors confirm claims assigned to them or to nobody (else 403); the same count again changes nothing.',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: ConfirmWorkersCountBody,
        response: { 200: ClaimSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      const { confirmedCount, note } = request.body
      return staffView(await app.caseWork.confirmWorkersCount(request.params.id, actor, confirmedCount, note))
    },
  )

  app.get(
    '/:id/duplicates',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['case work'],
        summary: 'Claims by the same claimant against the same employer, offered for merging',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        response: { 200: DuplicateListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      const rows = await app.caseWork.duplicatesOf(request.params.id, actor)
      return { items: rows.map((r) => ({ id: r.id, reference: r.reference, status: r.status, createdAt: r.createdAt.toISOString() })) }
    },
  )

  app.post(
    '/:id/merge',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['case work'],
        summary: 'Merge this (duplicate) claim into another; recorded on both',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: MergeBody,
        response: { 200: ClaimSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      return staffView(await app.caseWork.merge(request.params.id, actor, request.body.intoClaimId, request.body.note))
    },
  )

  app.post(
    '/:id/split',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['case work'],
        summary: 'Undo a merge, or take the claim out of its group; recorded',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: Type.Optional(SplitBody),
        response: { 200: ClaimSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      return staffView(await app.caseWork.split(request.params.id, actor, request.body?.note))
    },
  )

  app.get(
    '/:id/group',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['case work'],
        summary: "Totals of the claim's group (employer + project): workers, owed, recovered, outstanding",
        security: BEARER_AUTH,
        params: IdParamsSchema,
        response: { 200: ClaimGroupSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      return app.caseWork.groupOf(request.params.id, actor)
    },
  )

  app.post(
    '/:id/recoveries',
    {
      preHandler: staffOnly,
      schema: {
        tags: ['case work'],
        summary: 'Record money recovered (wages, compensation, indemnity, social insurance)',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: RecordRecoveryBody,
        response: { 201: RecoverySchema, ...errors, ...errorResponses(422) },
      },
    },
    async (request, reply) => {
      const actor = await loadActor(app.db, request.user)
      const row = await app.caseWork.recordRecovery(request.params.id, actor, request.body)
      return reply.status(201).send(toRecovery(row))
    },
  )

  app.get(
    '/:id/recoveries',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['case work'],
        summary: "The claim's recovery ledger (claimant and staff)",
        security: BEARER_AUTH,
        params: IdParamsSchema,
        response: { 200: Type.Object({ items: Type.Array(RecoverySchema) }), ...errors },
      },
    },
    async (request) => {
      const actor = await loadActor(app.db, request.user)
      const claim = await app.caseWork.findVisible(request.params.id, actor)
      const items = (await app.caseWork.listRecoveries(claim.id)).map((r) => forViewer(toRecovery(r), actor.role !== 'worker'))
      return { items: app.caseWork.withReversalRights(actor, items) }
    },
  )

  app.post(
    '/:id/recoveries/:recoveryId/confirm',
    {
      preHandler: workerOnly,
      schema: {
        tags: ['claims'],
        summary: 'The claimant confirms money received (idempotent)',
        security: BEARER_AUTH,
        params: Type.Object({ id: IdParamsSchema.properties.id, recoveryId: IdParamsSchema.properties.id }),
        response: { 200: RecoverySchema, ...errors },
      },
    },
    async (request) => {
      const row = await app.caseWork.confirmRecovery(request.params.id, request.params.recoveryId, request.user.sub)
      return toRecovery(row)
    },
  )
}

export default caseWork
