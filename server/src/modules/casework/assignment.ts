/**
 * Assignment (API.md): supervisors and admins assign any claim they see to an inspector who
 * serves its town; an inspector may take an unassigned claim of their town by naming themself.
 */
import { HttpError, validationFailed } from '../../lib/http-errors'
import type { ClaimRow } from '../claims/index'
import type { Actor } from './access'
import type { CaseWorkContext } from './case-work'

export function assignment({ db, repo, workflow }: CaseWorkContext) {
  return {
    async assign(claimId: string, actor: Actor, inspectorId: string): Promise<ClaimRow> {
      return db.transaction(async (tx) => {
        const claim = await workflow.lockVisibleClaim(tx, claimId, actor)
        if (actor.role === 'inspector') {
          if (inspectorId !== actor.id) throw new HttpError(403, 'FORBIDDEN', '监察员只能认领给自己')
          if (claim.assigneeId === actor.id) return claim
          if (claim.assigneeId !== null) throw new HttpError(409, 'ALREADY_ASSIGNED', '该投诉已有承办监察员')
        }
        const inspector = await repo.findAccountAccess(inspectorId, tx)
        if (!inspector || inspector.role !== 'inspector' || inspector.disabledAt || !inspector.towns.includes(claim.town)) {
          throw validationFailed([{ field: 'inspectorId', message: '请选择负责该镇（街道）的监察员' }])
        }
        if (claim.assigneeId === inspectorId) return claim
        const { claim: updated } = await workflow.writeClaimChange(tx, {
          kind: 'assign',
          before: claim,
          set: { assigneeId: inspectorId },
          actor,
          visibility: 'internal',
          note: claim.assigneeId ? `改派（原承办人 ${claim.assigneeId}）` : undefined,
        })
        return updated
      })
    },
  }
}
