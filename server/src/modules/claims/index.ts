/** The claims module's public surface: other modules and the app import only this file. */
export { forViewer, toClaim, toRecovery } from './claim-view'
export { ACCEPTANCE_WORKING_DAYS, fileClaim, groupFieldsOf, NEW_CASE_FIELDS, type ProjectForFiling } from './file-claim'
export {
  createClaimsRepository,
  emptyRecovered,
  type ClaimEventRow,
  type ClaimRow,
  type ClaimsRepository,
  type EventVisibility,
  type IdempotencyRepository,
  type ListCursor,
  type RecoveredFen,
  type RecoveryRow,
} from './repository/index'
export { createEvidenceStore, type EvidenceStore } from './evidence-store'
