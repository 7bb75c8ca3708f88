/**
 * The recovery ledger and group totals. Money recovered is always summed from the ledger rows,
 * never kept as a counter, so concurrent recordings never lose an update.
 */
import {
  formatFen,
  GROUP_CASE_MIN_WORKERS,
  RECOVERY_STATUSES,
  type ClaimStatus,
  type RecordRecoveryBody,
} from '@huxin/shared'
import type { Transaction } from '../../db/client'
import { HttpError, notFound, validationFailed } from '../../lib/http-errors'
import { groupIdOf, uuidv7 } from '../../lib/ids'
import { emptyRecovered, type RecoveryRow } from '../claims/index'
import { ensureMayWork, type Actor } from './access'
import type { CaseWorkContext } from './case-work'
import type { LedgerRow } from './repository/index'

export const RECOVERY_KIND_LABELS: Record<RecordRecoveryBody['kind'], string> = {
  wages: '追回工资',
  compensation: '经济补偿',
  indemnity: '赔偿金',
  social_insurance: '社保补缴',
}

export function ledger({ db, repo, claims, workflow, now, findVisible }: CaseWorkContext) {
  return {
    /**
     * Records one recovery. The claim row is locked (recordings of one claim queue up) and totals
     * are always summed from the ledger rows, so concurrent recordings never lose an update.
     */
    async recordRecovery(claimId: string, actor: Actor, body: RecordRecoveryBody, outer?: Transaction): Promise<RecoveryRow> {
      const at = now()
      const paidAt = new Date(body.paidAt)
      // A few minutes of clock skew between the inspector's device and the server are tolerated.
      if (paidAt.getTime() > at.getTime() + 5 * 60_000) {
        throw validationFailed([{ field: 'paidAt', message: '支付日期不能晚于现在' }])
      }
      // Within the caller's transaction when given (a deposit draw records its recovery and lowers
      // the deposit together, modules/projects).
      const run = <T>(fn: (tx: Transaction) => Promise<T>) => (outer ? fn(outer) : db.transaction(fn))
      return run(async (tx) => {
        const claim = await workflow.lockVisibleClaim(tx, claimId, actor)
        ensureMayWork(actor, claim)
        if (!RECOVERY_STATUSES.includes(claim.status as ClaimStatus)) {
          throw new HttpError(409, 'RECOVERY_NOT_ALLOWED', `当前状态（${claim.status}）不能登记追回金额`, [
            { field: 'status', message: claim.status },
          ])
        }
        if (paidAt.getTime() < claim.createdAt.getTime() - 366 * 86_400_000) {
          throw validationFailed([{ field: 'paidAt', message: '支付日期早于投诉一年以上，请核对' }])
        }
        // Wages above what is still owed (a typo, or a claim that undercounted) need a reason on record.
        const reason = body.reason?.trim() || null
        if (body.kind === 'wages' && !reason) {
          const outstanding = Math.max(0, claim.amountOwedFen - (await repo.recoveredWagesFen(claimId, tx)))
          if (body.amountFen > outstanding) {
            throw new HttpError(422, 'REASON_REQUIRED', `金额超过尚欠工资（${formatFen(outstanding)} 元），请说明原因`, [
              { field: 'reason', message: `超过尚欠工资 ${formatFen(outstanding)} 元，须填写原因` },
            ])
          }
        }
        const row = await repo.insertRecovery(
          {
            id: uuidv7(at.getTime()),
            claimId,
            kind: body.kind,
            amountFen: body.amountFen,
            paidAt,
            payer: body.payer ?? null,
            workerName: body.workerName?.trim() || null,
            note: body.note?.trim() || null,
            recordedBy: actor.id,
            createdAt: at,
            reason,
          },
          tx,
        )
        await workflow.writeClaimChange(tx, {
          kind: 'recovery_recorded',
          before: claim,
          set: {},
          actor,
          visibility: 'worker',
          note: `${RECOVERY_KIND_LABELS[body.kind]} ${formatFen(body.amountFen)} 元${row.workerName ? `（${row.workerName}）` : ''}${reason ? `；超出尚欠金额的原因：${reason}` : ''}`,
          detail: { recoveryId: row.id, kind: row.kind, amountFen: row.amountFen },
        })
        return row
      })
    },

    /** The claimant confirms money received; confirming again changes nothing (idempotent). */
    async confirmRecovery(claimId: string, recoveryId: string, userId: string): Promise<RecoveryRow> {
      return db.transaction(async (tx) => {
        const worker: Actor = { id: userId, role: 'worker', towns: [] }
        const claim = await workflow.lockVisibleClaim(tx, claimId, worker)
        const row = await repo.findRecovery(recoveryId, claim.id, tx)
        if (!row) throw notFound('追回记录')
        if (row.reversalOf || (await repo.findReversalOf(row.id, tx))) {
          throw new HttpError(409, 'RECOVERY_REVERSED', '这笔款项已冲正，无需确认', [{ field: 'recoveryId', message: '已冲正' }])
        }
        if (row.confirmedAt) return row
        const at = now()
        const updated = await repo.markConfirmed(row.id, at, tx)
        // Confirming after a dispute settles it (the worker received it after all).
        await repo.resolveDisputes([row.id], userId, 'confirmed_by_claimant', at, tx)
        await workflow.writeClaimChange(tx, {
          kind: 'recovery_confirmed',
          before: claim,
          set: {},
          actor: worker,
          visibility: 'worker',
          note: `确认收到 ${formatFen(row.amountFen)} 元`,
        })
        return updated
      })
    },

    async listRecoveries(claimId: string): Promise<LedgerRow[]> {
      return repo.listRecoveries(claimId)
    },

    /** Totals of a claim's group: the claims in it (not merged away, not rejected/withdrawn). */
    async groupOf(claimId: string, actor: Actor) {
      const claim = await findVisible(claimId, actor)
      const groupId = claim.groupId ?? groupIdOf(claim.groupKey)
      const members = await repo.pursuedGroupMembers(groupId)
      const totals = await claims.recoveredTotals(members.map((m) => m.id))
      const recovered = emptyRecovered()
      let owed = 0
      let outstanding = 0
      let workers = 0
      for (const m of members) {
        const r = totals.get(m.id) ?? emptyRecovered()
        recovered.wages += r.wages
        recovered.compensation += r.compensation
        recovered.indemnity += r.indemnity
        recovered.socialInsurance += r.socialInsurance
        owed += m.amountOwedFen
        outstanding += Math.max(0, m.amountOwedFen - r.wages)
        workers += m.workersCount
      }
      return {
        id: groupId,
        employerKey: claim.employerKey,
        claims: members.length,
        workersCount: workers,
        isGroupCase: workers >= GROUP_CASE_MIN_WORKERS,
        owedFen: owed,
        recoveredFen: recovered,
        // Per claim, never negative: one claim's over-recovery does not hide another's debt.
        outstandingFen: outstanding,
        claimIds: members.map((m) => m.id),
      }
    },
  }
}
