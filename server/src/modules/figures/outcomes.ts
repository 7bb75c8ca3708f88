/**
 * Case outcomes (migration 0021, docs/figures.md): a social-insurance order recorded when it is
 * ordered, with its amount, and the workers newly registered for social insurance. Recorded on an
 * accepted claim (not merged away) by staff who may work it, in one transaction with the claim row
 * locked and one event on its timeline, as any claim change.
 */
import {
  CASE_OUTCOME_LABELS,
  formatFen,
  type CaseOutcome,
  type CaseOutcomeKind,
  type RecordOutcomeBody,
} from '@huxin/shared'
import type { Database } from '../../db/client'
import { HttpError, validationFailed } from '../../lib/http-errors'
import { uuidv7 } from '../../lib/ids'
import { ensureMayWork, type Actor, type CaseWorkflow } from '../casework/index'
import type { CaseOutcomeRow, FiguresRepository } from './repository'

export type { CaseOutcomeRow }

export function toCaseOutcome(row: CaseOutcomeRow): CaseOutcome {
  return {
    id: row.id,
    claimId: row.claimId,
    kind: row.kind as CaseOutcomeKind,
    amountFen: row.amountFen ?? undefined,
    workers: row.workers ?? undefined,
    decidedAt: row.decidedAt.toISOString(),
    note: row.note ?? undefined,
    createdAt: row.createdAt.toISOString(),
  }
}

/** The measure each kind carries; the other one must be absent (400 naming the field). */
function checkMeasure(body: RecordOutcomeBody): void {
  if (body.kind === 'social_insurance_order') {
    if (body.amountFen === undefined) throw validationFailed([{ field: 'amountFen', message: '请填写责令补缴金额' }])
    if (body.workers !== undefined) throw validationFailed([{ field: 'workers', message: '责令补缴不填写人数' }])
  } else {
    if (body.workers === undefined) throw validationFailed([{ field: 'workers', message: '请填写新增参保人数' }])
    if (body.amountFen !== undefined) throw validationFailed([{ field: 'amountFen', message: '参保登记不填写金额' }])
  }
}

export function createCaseOutcomes(deps: { db: Database; repo: FiguresRepository; workflow: CaseWorkflow; now?: () => Date }) {
  const { db, repo, workflow } = deps
  const now = () => deps.now?.() ?? new Date()
  return {
    async record(claimId: string, actor: Actor, body: RecordOutcomeBody): Promise<CaseOutcomeRow> {
      checkMeasure(body)
      const at = now()
      const decidedAt = new Date(body.decidedAt)
      // A few minutes of clock skew between the inspector's device and the server are tolerated.
      if (decidedAt.getTime() > at.getTime() + 5 * 60_000) {
        throw validationFailed([{ field: 'decidedAt', message: '决定日期不能晚于现在' }])
      }
      return db.transaction(async (tx) => {
        const claim = await workflow.lockVisibleClaim(tx, claimId, actor)
        ensureMayWork(actor, claim)
        if (claim.acceptedAt === null || claim.mergedIntoId !== null) {
          throw new HttpError(409, 'OUTCOME_NOT_ALLOWED', '只有已立案（未被合并）的案件才能登记处理结果', [
            { field: 'status', message: claim.status },
          ])
        }
        if (decidedAt.getTime() < claim.createdAt.getTime() - 366 * 86_400_000) {
          throw validationFailed([{ field: 'decidedAt', message: '决定日期早于投诉一年以上，请核对' }])
        }
        const row = await repo.insertOutcome(
          {
            id: uuidv7(at.getTime()),
            claimId,
            kind: body.kind,
            amountFen: body.amountFen ?? null,
            workers: body.workers ?? null,
            decidedAt,
            note: body.note?.trim() || null,
            recordedBy: actor.id,
            createdAt: at,
          },
          tx,
        )
        const measure = body.kind === 'social_insurance_order' ? `${formatFen(body.amountFen ?? 0)} 元` : `${body.workers ?? 0} 人`
        await workflow.writeClaimChange(tx, {
          kind: 'outcome_recorded',
          before: claim,
          set: {},
          actor,
          visibility: 'worker',
          note: `${CASE_OUTCOME_LABELS[body.kind]} ${measure}`,
        })
        return row
      })
    },

    /** A claim's outcomes, oldest first (the caller has checked the claim is visible). */
    async list(claimId: string): Promise<CaseOutcomeRow[]> {
      return repo.listOutcomes(claimId)
    },
  }
}

export type CaseOutcomes = ReturnType<typeof createCaseOutcomes>
