/**
 * Every change to a claim's status (and every other recorded change of a claim: assignment,
 * merge, split, recovery) goes through `writeClaimChange`: the claim update, its ONE audit event
 * and the in-transaction hooks (`afterChange`) happen in the caller's transaction, or not at all.
 * Status changes are decided by the pure state machine in shared/domain/case-workflow.
 *
 * What follows a change outside this file (every step, in order: claim-change-pipeline.ts): the
 * worker's notification is queued by a trigger on claim_events (migration 0007), group and daily
 * totals by triggers of migration 0010; the national platform's progress and result by the hook the
 * national-sync plugin registers (`app.registerClaimChangeHook('national-progress', …)`).
 */
import {
  OPEN_STATUSES,
  planTransition,
  type CaseAction,
  type ClaimStatus,
} from '@huxin/shared'
import type { Database, Transaction } from '../../db/client'
import { HttpError, notFound, validationFailed } from '../../lib/http-errors'
import { uuidv7 } from '../../lib/ids'
import type { WorkingDayCalendar } from '../calendar/index'
import type { ClaimEventRow, ClaimRow, EventVisibility } from '../claims/index'
import { canSeeClaim, ensureMayWork, type Actor } from './access'
import { acceptanceDeadline, closureDeadline } from './deadlines'
import type { CaseworkRepository, ClaimUpdate } from './repository/index'

/** What changed, handed to every `afterChange` hook inside the transaction. */
export interface ClaimChange {
  /** A case action (API.md), or assign / merge / merge_received / split / recovery_recorded / recovery_confirmed. */
  kind: CaseAction | 'assign' | 'merge' | 'merge_received' | 'split' | 'recovery_recorded' | 'recovery_confirmed' | 'deadline_recomputed'
  before: ClaimRow
  after: ClaimRow
  event: ClaimEventRow
  actor: Actor
  statusChanged: boolean
}

/**
 * A hook that runs in the same transaction as the change, after the claim row and its event are
 * written. Throwing rolls the whole change back. The national-sync plugin's outbox hook is one:
 * it inserts its rows with `tx` and never calls out.
 */
export type AfterChangeHook = (tx: Transaction, change: ClaimChange) => Promise<void>

export interface CaseWorkflowDeps {
  db: Database
  repo: CaseworkRepository
  /** The pipeline's in-transaction hooks, in its order (filled by the casework plugin when the app is ready). */
  afterChange: readonly AfterChangeHook[]
  /** Counts the legal deadlines (working days, the admins' overrides included). */
  calendar: WorkingDayCalendar
  now?: () => Date
}

export interface TransitionRequest {
  action: CaseAction
  note?: string | undefined
  workerVisible?: boolean | undefined
  servedAt?: Date | undefined
  unpaidProof?: string | undefined
}

/** Actions whose events the worker sees unless the caller says otherwise. */
const INTERNAL_BY_DEFAULT: readonly CaseAction[] = ['extend', 'apply_blacklist', 'transfer_police']

export function createCaseWorkflow(deps: CaseWorkflowDeps) {
  const { repo } = deps
  const now = () => deps.now?.() ?? new Date()

  /**
   * Writes one change of a claim: the update (possibly empty), exactly one event, then the
   * hooks. Must run inside the caller's transaction with the claim row locked.
   */
  async function writeClaimChange(
    tx: Transaction,
    input: {
      kind: ClaimChange['kind']
      before: ClaimRow
      set: ClaimUpdate
      actor: Actor
      visibility: EventVisibility
      note?: string | undefined
      eventType?: string
    },
  ): Promise<{ claim: ClaimRow; event: ClaimEventRow }> {
    const at = now()
    const after = await repo.updateClaim(input.before.id, { ...input.set, updatedAt: at }, tx)
    if (!after) throw new Error(`claim ${input.before.id} vanished`)
    const statusChanged = after.status !== input.before.status
    const event = await repo.insertEvent(
      {
        id: uuidv7(at.getTime()),
        claimId: after.id,
        type: input.eventType ?? input.kind,
        visibility: input.visibility,
        actorId: input.actor.id,
        note: input.note?.trim() || null,
        fromStatus: statusChanged ? input.before.status : null,
        toStatus: statusChanged ? after.status : null,
        createdAt: at,
      },
      tx,
    )
    const change: ClaimChange = { kind: input.kind, before: input.before, after, event, actor: input.actor, statusChanged }
    for (const hook of deps.afterChange) await hook(tx, change)
    return { claim: after, event }
  }

  /**
   * THE function through which every claim status change passes (staff transitions and the
   * worker's withdrawal). `claim` must be locked by `tx` (FOR UPDATE). Throws HttpError 400/403/409.
   */
  async function applyTransition(
    tx: Transaction,
    claim: ClaimRow,
    actor: Actor,
    request: TransitionRequest,
  ): Promise<{ claim: ClaimRow; event: ClaimEventRow }> {
    const at = now()
    const plan = planTransition(
      {
        status: claim.status as ClaimStatus,
        acceptedAt: claim.acceptedAt,
        extendedAt: claim.extendedAt,
        orderServedAt: claim.orderServedAt,
        blacklistAppliedAt: claim.blacklistAppliedAt,
      },
      request.action,
      actor.role,
      { note: request.note, servedAt: request.servedAt, unpaidProof: request.unpaidProof },
      at,
    )
    if (!plan.ok) {
      if (plan.httpStatus === 400) throw validationFailed([{ field: plan.field ?? 'action', message: plan.message }])
      throw new HttpError(plan.httpStatus, plan.code, plan.message, [
        { field: 'status', message: claim.status },
        { field: 'action', message: request.action },
      ])
    }
    // An inspector works the claims assigned to them; an unassigned one becomes theirs by acting.
    ensureMayWork(actor, claim)
    const set: ClaimUpdate = { status: plan.to }
    if (actor.role === 'inspector' && claim.assigneeId === null) set.assigneeId = actor.id
    switch (request.action) {
      case 'accept': {
        // 立案 starts the 60-working-day clock (劳动保障监察条例 Art. 17).
        set.acceptedAt = at
        const close = closureDeadline(deps.calendar, { acceptedAt: at, extendedAt: null })!
        set.closeDueAt = close.dueAt
        set.closeDueProvisional = close.provisional
        break
      }
      case 'extend': {
        set.extendedAt = at
        const close = closureDeadline(deps.calendar, { acceptedAt: claim.acceptedAt ?? at, extendedAt: at })!
        set.closeDueAt = close.dueAt
        set.closeDueProvisional = close.provisional
        break
      }
      case 'order_payment':
        set.orderServedAt = request.servedAt ?? null
        break
      case 'transfer_police':
        set.unpaidProofAt = at
        break
      case 'apply_blacklist':
        set.blacklistAppliedAt = at
        await repo.markBlacklistApplied(claim.employerKey, tx)
        break
      case 'reopen':
        if (plan.to === 'submitted') {
          // Back in the acceptance queue: a new 5-working-day clock from today.
          const due = acceptanceDeadline(deps.calendar, { acceptClockFrom: at, createdAt: claim.createdAt, acceptPausedDays: 0 })
          Object.assign(set, { acceptClockFrom: at, acceptPausedDays: 0, materialRequestedAt: null, acceptDueAt: due.dueAt, acceptDueProvisional: due.provisional })
        }
        break
      default:
        break
    }
    if (plan.to !== claim.status) set.finishedAt = OPEN_STATUSES.includes(plan.to) ? null : at
    const visibility: EventVisibility =
      request.workerVisible === undefined
        ? INTERNAL_BY_DEFAULT.includes(request.action)
          ? 'internal'
          : 'worker'
        : request.workerVisible
          ? 'worker'
          : 'internal'
    const note =
      request.action === 'transfer_police' && request.unpaidProof
        ? `${request.note?.trim() ? `${request.note.trim()}\n` : ''}未支付证明：${request.unpaidProof.trim()}`
        : request.note
    return writeClaimChange(tx, {
      kind: request.action,
      before: claim,
      set,
      actor,
      visibility,
      note,
      // The worker's withdrawal keeps the event name it had before case work existed.
      eventType: request.action === 'withdraw' ? 'withdrawn' : request.action,
    })
  }

  /** Locks a claim the actor may see, or answers 404 (API.md: never reveal it exists). */
  async function lockVisibleClaim(tx: Transaction, claimId: string, actor: Actor): Promise<ClaimRow> {
    const row = await repo.lockClaim(claimId, tx)
    if (!row || !canSeeClaim(actor, row)) throw notFound('投诉')
    return row
  }

  return {
    writeClaimChange,
    applyTransition,
    lockVisibleClaim,
    /** Opens the transaction, locks the claim, checks jurisdiction and applies one action. */
    async transition(claimId: string, actor: Actor, request: TransitionRequest): Promise<ClaimRow> {
      return deps.db.transaction(async (tx) => {
        const claim = await lockVisibleClaim(tx, claimId, actor)
        return (await applyTransition(tx, claim, actor, request)).claim
      })
    },
  }
}

export type CaseWorkflow = ReturnType<typeof createCaseWorkflow>
