/**
 * The casework module's one repository: every statement of case work, the triage queue and the
 * claims map. Methods that take `tx` run inside the caller's transaction (the claim row locked
 * there); the others take an optional executor.
 */
import type { Database, RawQuery } from '../../../db/client'
import { accessQueries } from './access'
import { claimQueries } from './claims'
import { mapQueries } from './claim-map'
import { recoveryQueries } from './recoveries'
import { triageQueries } from './triage'

export { findActorAccount } from './access'
export type { AccountAccess } from './access'
export type { ClaimUpdate, NewClaimEvent, StaffListFilter } from './claims'
export { claimMapStatements } from './claim-map'
export type { MapBox, MapCellRow, MapFilter, MapItemRow } from './claim-map'
export type { DisputeRow, LedgerRow, NewDispute, NewRecovery } from './recoveries'
export type { TriagePageQuery, TriagePageRow, TriageSearch, TriageSortSpec, TriageWeights } from './triage'
export { isSortKeyValue } from './triage'

export function createCaseworkRepository(db: Database, query: RawQuery) {
  return { ...accessQueries(db), ...claimQueries(db), ...recoveryQueries(db), ...mapQueries(db), ...triageQueries(query) }
}

export type CaseworkRepository = ReturnType<typeof createCaseworkRepository>
