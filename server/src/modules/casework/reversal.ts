/**
 * Reversals (冲正, docs/casework.md "Recoveries, reversals and disputes"): a recorded recovery is
 * never changed or deleted (the database refuses it, migration 0018); a mistake is cancelled by a
 * negative entry linked to it, with its reason. A supervisor may reverse any time; the staff member
 * who recorded the recovery within 24 hours. Once per recovery; a reversal is never reversed.
 * Totals (the worker's 已追回, the daily figures, the national platform's result) are sums of the
 * ledger, so they follow by themselves; the national hook re-sends the result of a finished case.
 */
import { formatFen, shanghaiDate, type Recovery } from '@huxin/shared'
import { HttpError, notFound } from '../../lib/http-errors'
import { uuidv7 } from '../../lib/ids'
import type { RecoveryRow } from '../claims/index'
import type { Actor } from './access'
import type { CaseWorkContext } from './case-work'
import { RECOVERY_KIND_LABELS } from './ledger'

/** How long the recorder may reverse their own entry. */
export const RECORDER_REVERSAL_WINDOW_MS = 24 * 3_600_000

/** Why `actor` may not reverse `row` now, or undefined when they may. */
export function reversalRefusal(actor: Actor, row: Pick<RecoveryRow, 'recordedBy' | 'createdAt'>, at: Date): string | undefined {
  if (actor.role === 'supervisor') return undefined
  if (actor.role === 'worker') return '只有工作人员可以冲正'
  if (row.recordedBy !== actor.id) return '只有记录人（24 小时内）或科室负责人可以冲正'
  if (at.getTime() - row.createdAt.getTime() > RECORDER_REVERSAL_WINDOW_MS) return '记录已超过 24 小时，请由科室负责人冲正'
  return undefined
}

export function reversals({ db, repo, workflow, now }: CaseWorkContext) {
  return {
    /**
     * The ledger as `actor` sees it, each line with `canReverse`: whether the reversal route would
     * accept it from them now (same rule, same clock), so the page offers 冲正 only where it works.
     * Staff only; the route keeps its own check.
     */
    withReversalRights(actor: Actor, lines: Recovery[]): Recovery[] {
      if (actor.role === 'worker') return lines
      const at = now()
      return lines.map((line) => ({
        ...line,
        canReverse:
          line.reversalOf === undefined &&
          line.reversedBy === undefined &&
          reversalRefusal(actor, { recordedBy: line.recordedBy ?? null, createdAt: new Date(line.createdAt) }, at) === undefined,
      }))
    },

    async reverseRecovery(claimId: string, recoveryId: string, actor: Actor, reason: string): Promise<RecoveryRow> {
      const why = reason.trim()
      if (why === '') throw new HttpError(400, 'VALIDATION_FAILED', '请填写冲正原因', [{ field: 'reason', message: '请填写冲正原因' }])
      return db.transaction(async (tx) => {
        // The claim row is locked: reversals and recordings of one claim queue up.
        const claim = await workflow.lockVisibleClaim(tx, claimId, actor)
        const row = await repo.findRecovery(recoveryId, claim.id, tx)
        if (!row) throw notFound('追回记录')
        if (row.reversalOf) throw new HttpError(409, 'REVERSAL_OF_REVERSAL', '冲正记录不能再冲正', [{ field: 'recoveryId', message: '这是冲正记录' }])
        if (await repo.findReversalOf(row.id, tx)) {
          throw new HttpError(409, 'ALREADY_REVERSED', '这笔款项已经冲正过', [{ field: 'recoveryId', message: '已冲正' }])
        }
        const at = now()
        const refusal = reversalRefusal(actor, row, at)
        if (refusal) throw new HttpError(403, 'REVERSAL_NOT_ALLOWED', refusal)
        const reversal = await repo.insertRecovery(
          {
            id: uuidv7(at.getTime()),
            claimId: claim.id,
            kind: row.kind,
            amountFen: -row.amountFen,
            // The money leaves the day it was counted on, so the daily figures of that day are right.
            paidAt: row.paidAt,
            payer: row.payer,
            workerName: row.workerName,
            note: null,
            recordedBy: actor.id,
            createdAt: at,
            reversalOf: row.id,
            reason: why,
          },
          tx,
        )
        await repo.resolveDisputes([row.id], actor.id, 'reversed', at, tx)
        const label = RECOVERY_KIND_LABELS[row.kind as keyof typeof RECOVERY_KIND_LABELS] ?? row.kind
        await workflow.writeClaimChange(tx, {
          kind: 'recovery_reversed',
          before: claim,
          set: {},
          actor,
          visibility: 'worker',
          note: `冲正 ${label} ${formatFen(reversal.amountFen)} 元（原 ${shanghaiDate(row.paidAt)} 记录）：${why}`,
          detail: { recoveryId: row.id, reversalId: reversal.id, kind: row.kind, amountFen: reversal.amountFen },
        })
        return reversal
      })
    },
  }
}
