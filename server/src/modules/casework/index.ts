/** The casework module's public surface: other modules and the app import only this file. */
export { canSeeClaim, ensureMayWork, isStaff, jurisdictionTowns, loadActor, mayViewFullPii, type Actor } from './access'
export { createCaseWork, type CaseWork } from './case-work'
export { RECOVERY_KIND_LABELS } from './ledger'
export type { AfterChangeHook, CaseWorkflow, ClaimChange, TransitionRequest } from './workflow'
