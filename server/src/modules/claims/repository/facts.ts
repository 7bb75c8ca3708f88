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
  /** Payments to the worker neither confirmed, disputed nor reversed (the 待确认 badge). */
  awaitingConfirmation?: number
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

    /** Per claim: payments to the worker awaiting their confirmation (not confirmed, disputed or reversed). */
    async awaitingConfirmation(claimIds: string[], tx: Executor = db): Promise<Map<string, number>> {
      const counts = new Map<string, number>()
      if (claimIds.length === 0) return counts
      const rows = await tx
        .select({ claimId: recoveries.claimId, n: sql<number>`count(*)::int` })
        .from(recoveries)
        .where(
          sql`${inArray(recoveries.claimId, claimIds)} and ${recoveries.confirmedAt} is null and ${recoveries.reversalOf} is null
            and ${recoveries.kind} <> 'social_insurance'
            and not exists (select 1 from recoveries rv where rv.reversal_of = ${recoveries.id})
            and not exists (select 1 from recovery_disputes d where d.recovery_id = ${recoveries.id} and d.resolved_at is null)`,
        )
        .groupBy(recoveries.claimId)
      for (const row of rows) counts.set(row.claimId, Number(row.n))
      return counts
    },

    /** Facts for each claim of a page, in three queries. */
    async loadFacts(rows: ClaimRow[], tx: Executor = db): Promise<Map<string, ClaimFacts>> {
      const groupIds = [...new Set(rows.map((r) => r.groupId).filter((g): g is string => g !== null))]
      const ids = rows.map((r) => r.id)
      // Side by side on the pool; one after the other inside a transaction, whose one connection
      // must not be given a second query while it runs the first (pg 9 refuses it).
      const [recovered, groups, awaiting] =
        tx === db
          ? await Promise.all([facts.recoveredTotals(ids, tx), facts.groupWorkerTotals(groupIds, tx), facts.awaitingConfirmation(ids, tx)])
          : [await facts.recoveredTotals(ids, tx), await facts.groupWorkerTotals(groupIds, tx), await facts.awaitingConfirmation(ids, tx)]
      const result = new Map<string, ClaimFacts>()
      for (const row of rows) {
        result.set(row.id, {
          recovered: recovered.get(row.id) ?? emptyRecovered(),
          awaitingConfirmation: awaiting.get(row.id) ?? 0,
          // A claim outside its group's count (merged, rejected, withdrawn) still shows its own workers.
          groupWorkers: Math.max(row.workersCount, (row.groupId && groups.get(row.groupId)) || 0),
        })
      }
      return result
    },
  }
  return facts
}
