/**
 * Duplicates, merge and split. A merged claim leaves queues and group totals (the totals follow by
 * the triggers of migration 0010); both claims record the merge, and a split undoes it or takes a
 * claim out of its group.
 */
import type { Transaction } from '../../db/client'
import { HttpError, validationFailed } from '../../lib/http-errors'
import { groupIdOf } from '../../lib/ids'
import type { ClaimRow } from '../claims/index'
import { canSeeClaim, ensureMayWork, type Actor } from './access'
import type { CaseWorkContext } from './case-work'

export function mergeAndSplit({ db, repo, workflow, findVisible }: CaseWorkContext) {
  /** Locks two claims in id order (no deadlock between a merge A→B and B→A). */
  async function lockPair(tx: Transaction, a: string, b: string, actor: Actor): Promise<[ClaimRow, ClaimRow]> {
    const [first, second] = a < b ? [a, b] : [b, a]
    const x = await workflow.lockVisibleClaim(tx, first, actor)
    const y = await workflow.lockVisibleClaim(tx, second, actor)
    return a < b ? [x, y] : [y, x]
  }

  return {
    /** Claims by the same claimant (user, phone or ID hash) against the same employer. */
    async duplicatesOf(claimId: string, actor: Actor): Promise<ClaimRow[]> {
      const claim = await findVisible(claimId, actor)
      const rows = await repo.duplicatesOf(claim)
      return rows.filter((r) => canSeeClaim(actor, r))
    },

    /** Merges a duplicate into another claim: it leaves queues and group totals; both record it. */
    async merge(claimId: string, actor: Actor, intoClaimId: string, note?: string): Promise<ClaimRow> {
      if (claimId === intoClaimId) throw validationFailed([{ field: 'intoClaimId', message: '不能并入自身' }])
      return db.transaction(async (tx) => {
        const [source, target] = await lockPair(tx, claimId, intoClaimId, actor)
        ensureMayWork(actor, source)
        if (source.mergedIntoId) throw new HttpError(409, 'ALREADY_MERGED', '该投诉已并入其他投诉')
        if (target.mergedIntoId) throw validationFailed([{ field: 'intoClaimId', message: '目标投诉本身已被合并' }])
        const { claim } = await workflow.writeClaimChange(tx, {
          kind: 'merge',
          before: source,
          set: { mergedIntoId: target.id },
          actor,
          visibility: 'worker',
          note: note ?? `与 ${target.reference} 为重复投诉，已合并办理`,
        })
        await workflow.writeClaimChange(tx, {
          kind: 'merge_received',
          before: target,
          set: {},
          actor,
          visibility: 'internal',
          note: `并入重复投诉 ${source.reference}`,
        })
        return claim
      })
    },

    /**
     * Split: a merged claim is unmerged; otherwise the claim leaves its group and stands alone
     * (staff judged it a different employer or project).
     */
    async split(claimId: string, actor: Actor, note?: string): Promise<ClaimRow> {
      return db.transaction(async (tx) => {
        const claim = await workflow.lockVisibleClaim(tx, claimId, actor)
        ensureMayWork(actor, claim)
        if (claim.mergedIntoId) {
          const target = await workflow.lockVisibleClaim(tx, claim.mergedIntoId, actor).catch(() => undefined)
          const { claim: updated } = await workflow.writeClaimChange(tx, {
            kind: 'split',
            before: claim,
            set: { mergedIntoId: null },
            actor,
            visibility: 'worker',
            note: note ?? '已撤销合并，单独办理',
          })
          if (target) {
            await workflow.writeClaimChange(tx, {
              kind: 'split',
              before: target,
              set: {},
              actor,
              visibility: 'internal',
              note: `撤销合并 ${claim.reference}`,
            })
          }
          return updated
        }
        const others = await repo.countOthersInGroup(claim, tx)
        if (others === 0) throw new HttpError(409, 'NOTHING_TO_SPLIT', '该投诉未与其他投诉合并或成组')
        const key = `split:${claim.id}`
        const groupId = groupIdOf(key)
        await repo.ensureGroup({ id: groupId, key, employerKey: claim.employerKey }, tx)
        const { claim: updated } = await workflow.writeClaimChange(tx, {
          kind: 'split',
          before: claim,
          set: { groupKey: key, groupId },
          actor,
          visibility: 'internal',
          note: note ?? '移出所在群体案件，单独办理',
        })
        return updated
      })
    },
  }
}
