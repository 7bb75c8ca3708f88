/**
 * The claim-facts queries for callers that hold a database or a transaction rather than the claims
 * repository (case work, employers, the claims map): the repository's own queries, on `db`.
 */
import type { Executor } from '../../db/client'
import { createClaimFacts, type ClaimFacts, type RecoveredFen } from './repository/facts'
import type { ClaimRow } from './repository/index'

export function recoveredTotals(db: Executor, claimIds: string[]): Promise<Map<string, RecoveredFen>> {
  return createClaimFacts(db).recoveredTotals(claimIds)
}

export function groupWorkerTotals(db: Executor, groupIds: string[]): Promise<Map<string, number>> {
  return createClaimFacts(db).groupWorkerTotals(groupIds)
}

export function loadClaimFacts(db: Executor, rows: ClaimRow[]): Promise<Map<string, ClaimFacts>> {
  return createClaimFacts(db).loadFacts(rows)
}
