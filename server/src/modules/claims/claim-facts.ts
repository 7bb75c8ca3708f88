/**
 * Figures a claim view needs beyond its own row: money recovered (summed from the ledger rows,
 * never kept as a counter) and the worker total of its group. Loaded for a page of claims at once.
 */
import { GROUP_CASE_MIN_WORKERS } from '@huxin/shared'
import { inArray, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client'
import { claimGroups, recoveries } from '../../db/schema/index'
import type { ClaimRow } from './repository'

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

/** Statuses whose workers do not count toward a group (the claim is not pursued); the database's
 * totals (migration 0010) use the same list. */
export const NOT_PURSUED_STATUSES = ['rejected', 'withdrawn']

export interface ClaimFacts {
  recovered: RecoveredFen
  groupWorkers: number
}

export async function recoveredTotals(db: Executor, claimIds: string[]): Promise<Map<string, RecoveredFen>> {
  const totals = new Map<string, RecoveredFen>()
  if (claimIds.length === 0) return totals
  const rows = await db
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
}

/**
 * The workers of each group's pursued claims (not merged away, rejected or withdrawn): the total
 * the database keeps in claim_groups.workers_total (migration 0010, triggers on claims).
 */
export async function groupWorkerTotals(db: Executor, groupIds: string[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>()
  if (groupIds.length === 0) return totals
  const rows = await db
    .select({ id: claimGroups.id, total: claimGroups.workersTotal })
    .from(claimGroups)
    .where(inArray(claimGroups.id, groupIds))
  for (const row of rows) totals.set(row.id, row.total)
  return totals
}

/** The workers of one group, for a claim just filed (the filing's statement usually says it already). */
export async function groupWorkersOfNewClaim(db: Executor, groupId: string): Promise<number> {
  return (await groupWorkerTotals(db, [groupId])).get(groupId) ?? 0
}

/** Facts for each claim of a page, in two queries. */
export async function loadClaimFacts(db: Executor, rows: ClaimRow[]): Promise<Map<string, ClaimFacts>> {
  const groupIds = [...new Set(rows.map((r) => r.groupId).filter((g): g is string => g !== null))]
  const [recovered, groups] = await Promise.all([
    recoveredTotals(
      db,
      rows.map((r) => r.id),
    ),
    groupWorkerTotals(db, groupIds),
  ])
  const facts = new Map<string, ClaimFacts>()
  for (const row of rows) {
    facts.set(row.id, {
      recovered: recovered.get(row.id) ?? emptyRecovered(),
      // A claim outside its group's count (merged, rejected, withdrawn) still shows its own workers.
      groupWorkers: Math.max(row.workersCount, (row.groupId && groups.get(row.groupId)) || 0),
    })
  }
  return facts
}

export const isGroupCaseTotal = (workers: number) => workers >= GROUP_CASE_MIN_WORKERS
