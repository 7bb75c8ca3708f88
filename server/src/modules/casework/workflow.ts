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
  isTimeBarred,
  OPEN_STATUSES,
  REFERRAL_HELP_POINT_KINDS,
  REJECT_REASON_WORDS,
  shanghaiDate,
  type RejectReason,
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
  /** A case action (API.md), or assign / merge / merge_received / split / recovery_recorded / recovery_confirmed / workers_count_confirmed / rated / deadline_recomputed, or a document of the case requested, approved, issued or served (modules/documents). */
  kind:
    | CaseAction
    | 'assign'
    | 'merge'
    | 'merge_received'
    | 'split'
    | 'recovery_recorded'
    | 'recovery_confirmed'
    | 'outcome_recorded'
    | 'recovery_reversed'
    | 'recovery_disputed'
    | 'recovery_dispute_resolved'
    | 'workers_count_confirmed'
    | 'rated'
    | 'document'
    | 'deadline_recomputed'
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
  /** reject: the legal ground, and the help point or bureau it names. */
  reason?: RejectReason | undefined
  referTo?: string | undefined
  transferTo?: string | undefined
  /** accept: the violation continues (Art. 20), so an old period is not time-barred. */
  continuing?: boolean | undefined
}

/** A decision's legal ground, its words for the worker and what it names (recorded on its event). */
interface Decision {
  reason?: string
  words?: string
  detail?: Record<string, unknown>
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
      /** The decision's legal ground and what it names (claim_events.reason / detail): what a notice is written from. */
      reason?: string
      detail?: Record<string, unknown>
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
        reason: input.reason ?? null,
        detail: input.detail ?? null,
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
    // The police transfer needs wages still owed (刑法 Art. 276-1); only it pays for the sum.
    const outstandingFen =
      request.action === 'transfer_police'
        ? Math.max(0, claim.amountOwedFen - (await repo.recoveredWagesFen(claim.id, tx)))
        : undefined
    const plan = planTransition(
      {
        status: claim.status as ClaimStatus,
        acceptedAt: claim.acceptedAt,
        extendedAt: claim.extendedAt,
        orderServedAt: claim.orderServedAt,
        orderPayDueAt: claim.orderPayDueAt,
        outstandingFen,
        blacklistAppliedAt: claim.blacklistAppliedAt,
        materialRequestedAt: claim.materialRequestedAt,
        caseKind: claim.reportKind,
      },
      request.action,
      actor.role,
      {
        note: request.note,
        servedAt: request.servedAt,
        unpaidProof: request.unpaidProof,
        reason: request.reason,
        referTo: request.referTo,
        transferTo: request.transferTo,
      },
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
    let decision: Decision = {}
    switch (request.action) {
      case 'accept': {
        decision = checkAcceptance(claim, request)
        set.materialRequestedAt = null
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
      case 'reject': {
        decision = await rejection(tx, claim, request)
        Object.assign(set, {
          rejectReason: decision.reason,
          referToHelpPointId: request.referTo ?? null,
          transferTo: request.transferTo?.trim() ?? null,
          materialRequestedAt: null,
        })
        break
      }
      case 'request_material':
        set.materialRequestedAt = at
        decision = { reason: 'request_material', words: `请补正材料：${request.note?.trim() ?? ''}。收到材料前，受理期限暂停计算。` }
        break
      case 'material_received': {
        // The clock stood still from the request to the arrival: the deadline moves by those working days.
        const paused = Math.max(0, deps.calendar.workingDaysUntil(claim.materialRequestedAt ?? at, at))
        const due = acceptanceDeadline(deps.calendar, { ...claim, acceptPausedDays: claim.acceptPausedDays + paused })
        Object.assign(set, { materialRequestedAt: null, acceptPausedDays: claim.acceptPausedDays + paused, acceptDueAt: due.dueAt, acceptDueProvisional: due.provisional })
        decision = {
          reason: 'material_received',
          words: `补正材料已收到，受理期限顺延 ${paused} 个工作日，至 ${due.day}${due.provisional ? '（暂定）' : ''}。`,
          detail: { pausedWorkingDays: paused, acceptDueDay: due.day },
        }
        break
      }
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
        : decision.words
          ? // The decision in plain words first (what the worker reads and is notified of), then the staff's note.
            [decision.words, request.action === 'request_material' ? undefined : request.note?.trim()].filter(Boolean).join('\n')
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
      ...(decision.reason ? { reason: decision.reason } : {}),
      ...(decision.detail ? { detail: decision.detail } : {}),
    })
  }

  /**
   * 劳动保障监察条例 Art. 20: a violation undetected and unreported for two years is not pursued,
   * so an acceptance of a time-barred claim is refused (409) unless the staff state, with a note,
   * that the violation continues (its two years then run from its end).
   */
  function checkAcceptance(claim: ClaimRow, request: TransitionRequest): Decision {
    if (!isTimeBarred(claim.periodTo, shanghaiDate(claim.createdAt))) return {}
    if (!request.continuing) {
      throw new HttpError(409, 'TIME_BARRED', '欠薪期间结束已超过两年（《劳动保障监察条例》第二十条），如违法行为仍在持续，请注明 continuing 并说明', [
        { field: 'periodTo', message: claim.periodTo },
        { field: 'continuing', message: '违法行为有连续或继续状态时填写 true' },
      ])
    }
    if (!request.note?.trim()) throw validationFailed([{ field: 'note', message: '请说明违法行为仍在持续的情况' }])
    return { detail: { continuing: true } }
  }

  /** The ground of a rejection, checked against the claim, with what it names. */
  async function rejection(tx: Transaction, claim: ClaimRow, request: TransitionRequest): Promise<Decision & { reason: RejectReason }> {
    const reason = request.reason ?? 'other'
    if (reason === 'time_barred' && !isTimeBarred(claim.periodTo, shanghaiDate(claim.createdAt))) {
      throw new HttpError(409, 'NOT_TIME_BARRED', '欠薪期间结束未超过两年，不能以超过查处时效为由不予受理', [{ field: 'reason', message: reason }])
    }
    const detail: Record<string, unknown> = {}
    let words: string = REJECT_REASON_WORDS[reason]
    if (request.referTo) {
      const point = await repo.findHelpPoint(request.referTo, tx)
      if (!point || !(REFERRAL_HELP_POINT_KINDS as readonly string[]).includes(point.kind)) {
        throw validationFailed([{ field: 'referTo', message: '请选择仲裁、法律援助、法院或工会等求助点' }])
      }
      detail.referTo = point
      words += `。可以前往：${point.name}${point.address ? `（${point.address}）` : ''}${point.phone ? `，电话 ${point.phone}` : ''}`
    }
    if (request.transferTo) {
      detail.transferTo = request.transferTo.trim()
      words += `：${request.transferTo.trim()}`
    }
    return { reason, words: `不予受理：${words}。`, ...(Object.keys(detail).length > 0 ? { detail } : {}) }
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
