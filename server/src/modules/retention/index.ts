/** The retention module's public surface (docs/operations.md, Retention; docs/storage.md, Sweep). */
export { erasePersonalData, type RetentionDeps, type RetentionResult } from './retention'
export { ERASED_TEXT } from './repository'
export { sweepUnreferencedObjects, type SweepDeps, type SweepResult } from './sweep'
