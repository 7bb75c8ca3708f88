/**
 * The claimant's dispute of a recorded payment (没收到 / 金额不对): it reaches the inspector as a
 * timeline event, and the claim carries a triage reason "工资到账有异议" while it stays open. It is
 * settled when the recovery is reversed, when the claimant confirms the payment after all, or when
 * staff record what they found (docs/casework.md "Recoveries, reversals and disputes").
 */
import { formatFen, type DisputeBody } from '@huxin/shared'
import { HttpError, notFound } from '../../lib/http-errors'
import { uuidv7 } from '../../lib/ids'
import { ensureMayWork, type Actor } from './access'
import type { CaseWorkContext } from './case-work'
import { RECOVERY_KIND_LABELS } from './ledger'
import type { DisputeRow } from './repository/index'

export const DISPUTE_KIND_LABELS: Record<DisputeBody['kind'], string> = {
  not_received: '没收到',
  wrong_amount: '金额不对',
}

export function disputes({ db, repo, workflow, now }: CaseWorkContext) {
  return {
    /** The claimant disputes a payment recorded on their claim (another worker's claim: 404). */
    async disputeRecovery(claimId: string, recoveryId: string, userId: string, body: DisputeBody): Promise<DisputeRow> {
      const note = body.note.trim()
      if (note === '') throw new HttpError(400, 'VALIDATION_FAILED', '请说明情况', [{ field: 'note', message: '请说明情况' }])
      return db.transaction(async (tx) => {
        const worker: Actor = { id: userId, role: 'worker', towns: [] }
        const claim = await workflow.lockVisibleClaim(tx, claimId, worker)
        const row = await repo.findRecovery(recoveryId, claim.id, tx)
        if (!row) throw notFound('追回记录')
        if (row.reversalOf || (await repo.findReversalOf(row.id, tx))) {
          throw new HttpError(409, 'RECOVERY_REVERSED', '这笔款项已冲正', [{ field: 'recoveryId', message: '已冲正' }])
        }
        if (row.confirmedAt) throw new HttpError(409, 'RECOVERY_CONFIRMED', '您已确认收到这笔款项', [{ field: 'recoveryId', message: '已确认收到' }])
        if (await repo.openDisputeOf(row.id, tx)) {
          throw new HttpError(409, 'DISPUTE_OPEN', '您已对这笔款项提出异议，请等待监察员核实', [{ field: 'recoveryId', message: '已有异议' }])
        }
        const at = now()
        const dispute = await repo.insertDispute(
          { id: uuidv7(at.getTime()), recoveryId: row.id, claimId: claim.id, kind: body.kind, note, filedBy: userId, createdAt: at },
          tx,
        )
        const label = RECOVERY_KIND_LABELS[row.kind as keyof typeof RECOVERY_KIND_LABELS] ?? row.kind
        await workflow.writeClaimChange(tx, {
          kind: 'recovery_disputed',
          before: claim,
          set: {},
          actor: worker,
          visibility: 'worker',
          note: `工资到账有异议（${DISPUTE_KIND_LABELS[body.kind]}）：${label} ${formatFen(row.amountFen)} 元。${note}`,
          detail: { recoveryId: row.id, disputeId: dispute.id, kind: body.kind },
        })
        return dispute
      })
    },

    /** Staff record what they found; the dispute is closed (the claim leaves the 有异议 state). */
    async resolveDispute(claimId: string, recoveryId: string, actor: Actor, resolution: string): Promise<DisputeRow> {
      const text = resolution.trim()
      if (text === '') throw new HttpError(400, 'VALIDATION_FAILED', '请填写核实结果', [{ field: 'note', message: '请填写核实结果' }])
      return db.transaction(async (tx) => {
        const claim = await workflow.lockVisibleClaim(tx, claimId, actor)
        ensureMayWork(actor, claim)
        const open = await repo.openDisputeOf(recoveryId, tx)
        if (!open || open.claimId !== claim.id) throw notFound('异议')
        const at = now()
        await repo.resolveDisputes([recoveryId], actor.id, text, at, tx)
        await workflow.writeClaimChange(tx, {
          kind: 'recovery_dispute_resolved',
          before: claim,
          set: {},
          actor,
          visibility: 'worker',
          note: `异议已核实：${text}`,
          detail: { recoveryId, disputeId: open.id },
        })
        return { ...open, resolvedAt: at, resolvedBy: actor.id, resolution: text }
      })
    },
  }
}
