/**
 * The number of workers a claim concerns, as an inspector confirmed it (docs/security.md).
 * A claimant's declared `workersCount` is kept as declared; triage weighs it only once confirmed.
 */
import type { ClaimRow } from '../claims/index'
import { ensureMayWork, type Actor } from './access'
import type { CaseWorkContext } from './case-work'

export function workersCount({ db, workflow }: CaseWorkContext) {
  return {
    /** Inspectors on claims that are theirs or nobody's, supervisors and admins on any they see. */
    async confirmWorkersCount(claimId: string, actor: Actor, confirmedCount: number, note?: string): Promise<ClaimRow> {
      return db.transaction(async (tx) => {
        const claim = await workflow.lockVisibleClaim(tx, claimId, actor)
        ensureMayWork(actor, claim)
        // A retry of the same confirmation changes nothing and records no second event.
        if (claim.workersCountConfirmed === confirmedCount) return claim
        const previously = claim.workersCountConfirmed === null ? '' : `，此前核实 ${claim.workersCountConfirmed} 人`
        const { claim: updated } = await workflow.writeClaimChange(tx, {
          kind: 'workers_count_confirmed',
          before: claim,
          set: { workersCountConfirmed: confirmedCount },
          actor,
          visibility: 'internal',
          note: `核实涉及人数 ${confirmedCount} 人（申报 ${claim.workersCount} 人${previously}）${note?.trim() ? `：${note.trim()}` : ''}`,
        })
        return updated
      })
    },
  }
}
