/**
 * Figures a claim view needs beyond its own row: money recovered (summed from the ledger rows,
 * never kept as a counter) and the worker total of its group. Loaded for a page of claims at once.
 */
import { inArray, sql } from 'drizzle-orm'
import type { Executor } from '../../../db/client'
import { claimGroups, recoveries } from '../../../db/schema/index'
import type { ClaimRow } from './records'

export interface RecoveredFen {
  wages: number
  compensation: number
  indemnity: number
  socialInsurance: number
}

export const emptyRecovered = (): RecoveredFen => ({ wages: 0, compensation: 0, indemnity: 0, socialInsurance: 0 })

const KIND_FIELD: Record<string, keyof RecoveredFen> = {
  wages: 'wages',
  compensation: 'compensation',
  indemnity: 'indemnity',
  social_insurance: 'socialInsurance',
}

export interface ClaimFacts {
  recovered: RecoveredFen
  groupWorkers: number
}

export function createClaimFacts(db: Executor) {
  const facts = {
    async recoveredTotals(claimIds: string[], tx: Executor = db): Promise<Map<string, RecoveredFen>> {
      const totals = new Map<string, RecoveredFen>()
      if (claimIds.length === 0) return totals
      const rows = await tx
        .select({ claimId: recoveries.claimId, kind: recoveries.kind, total: sql<string>`sum(${recoveries.amountFen})::text` })
        .from(recoveries)
        .where(inArray(recoveries.claimId, claimIds))
        .groupBy(recoveries.claimId, recoveries.kind)
      for (const row of rows) {
        const current = totals.get(row.claimId) ?? emptyRecovered()
        const field = KIND_FIELD[row.kind]
        if (field) current[field] = Number(row.total)
        totals.set(row.claimId, current)
      }
      return totals
    },

    /**
     * The workers of each group's pursued claims (not merged away, rejected or withdrawn): the
     * total the database keeps in claim_groups.workers_total (migration 0010, triggers on claims).
     */
    async groupWorkerTotals(groupIds: string[], tx: Executor = db): Promise<Map<string, number>> {
      const totals = new Map<string, number>()
      if (groupIds.length === 0) return totals
      const rows = await tx
        .select({ id: claimGroups.id, total: claimGroups.workersTotal })
        .from(claimGroups)
        .where(inArray(claimGroups.id, groupIds))
      for (const row of rows) totals.set(row.id, row.total)
      return totals
    },

    /** The workers of one group, for a claim just filed (the filing's statement usually says it already). */
    async groupWorkers(groupId: string, tx: Executor = db): Promise<number> {
      return (await facts.groupWorkerTotals([groupId], tx)).get(groupId) ?? 0
    },

    /** Facts for each claim of a page, in two queries. */
    async loadFacts(rows: ClaimRow[], tx: Executor = db): Promise<Map<string, ClaimFacts>> {
      const groupIds = [...new Set(rows.map((r) => r.groupId).filter((g): g is string => g !== null))]
      const [recovered, groups] = await Promise.all([
        facts.recoveredTotals(
          rows.map((r) => r.id),
          tx,
        ),
        facts.groupWorkerTotals(groupIds, tx),
      ])
      const result = new Map<string, ClaimFacts>()
      for (const row of rows) {
        result.set(row.id, {
          recovered: recovered.get(row.id) ?? emptyRecovered(),
          // A claim outside its group's count (merged, rejected, withdrawn) still shows its own workers.
          groupWorkers: Math.max(row.workersCount, (row.groupId && groups.get(row.groupId)) || 0),
        })
      }
      return result
    },
  }
  return facts
}
